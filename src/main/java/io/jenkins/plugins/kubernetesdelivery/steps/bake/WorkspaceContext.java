package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import hudson.FilePath;
import hudson.remoting.RemoteOutputStream;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuildContext;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ContextSource;
import io.jenkins.plugins.kubernetesdelivery.engine.image.LocalWorkspaceFiles;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The build context of a bake, read where the workspace is. Two calls reach the agent that holds the workspace: a
 * scan ({@link Scan}: the engine's {@code .dockerignore} scan over the local directory; only the problems, the file
 * count and the tar size come back) and, once the builder pod's receiver runs, the upload ({@link Write}: the same
 * scan again, then the engine's tar writer into one {@link RemoteOutputStream} that ends in the pod's attach
 * stream). No file crosses the channel on its own and the tar is never held in memory.
 */
final class WorkspaceContext implements ContextSource {

    private final FilePath workspace;
    private final String contextDir;
    private final String dockerfile;
    private final Summary summary;

    private WorkspaceContext(FilePath workspace, String contextDir, String dockerfile, Summary summary) {
        this.workspace = workspace;
        this.contextDir = contextDir;
        this.dockerfile = dockerfile;
        this.summary = summary;
    }

    /**
     * Scans the context on the workspace's agent.
     *
     * @param contextDir relative to the workspace ({@code BakeRequest.contextDir()})
     * @param dockerfile relative to the context ({@code BakeRequest.dockerfile()})
     */
    static WorkspaceContext scan(FilePath workspace, String contextDir, String dockerfile)
            throws IOException, InterruptedException {
        return new WorkspaceContext(workspace, contextDir, dockerfile, workspace.act(new Scan(contextDir, dockerfile)));
    }

    @Override
    public List<String> problems() {
        return summary.problems();
    }

    @Override
    public List<String> skipped() {
        return summary.skipped();
    }

    @Override
    public long fileCount() {
        return summary.fileCount();
    }

    @Override
    public long tarSize() {
        return summary.tarSize();
    }

    /**
     * Streams the tar from the agent into {@code out}, through one remote stream; {@code out} stays open. An
     * interrupt (the step was stopped) ends the remote call and comes back as an {@link InterruptedIOException} with
     * the interrupt flag set.
     */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        OutputStream target = new KeepOpen(out);
        OutputStream sink = workspace.isRemote() ? new RemoteOutputStream(target) : target;
        try {
            workspace.act(new Write(contextDir, dockerfile, summary, sink));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException x =
                    new InterruptedIOException("sending the context from the workspace was" + " interrupted");
            x.initCause(e);
            throw x;
        }
    }

    /**
     * What a scan found: the problems, or the sizes of the context to send.
     *
     * @param problems each naming the input and the rule (the engine's texts)
     * @param skipped the files the scan left out, each {@code 'path': why} (the engine's texts)
     */
    record Summary(List<String> problems, long fileCount, long tarSize, List<String> skipped) implements Serializable {
        private static final long serialVersionUID = 1L;

        Summary {
            problems = new ArrayList<>(problems); // a plain ArrayList crosses any remoting class filter
            skipped = new ArrayList<>(skipped == null ? List.of() : skipped);
        }

        Summary(List<String> problems, long fileCount, long tarSize) {
            this(problems, fileCount, tarSize, List.of());
        }

        @Override
        public List<String> problems() {
            return List.copyOf(problems);
        }

        @Override
        public List<String> skipped() {
            return List.copyOf(skipped);
        }

        static Summary of(File dir, String contextDir, String dockerfile) throws IOException {
            List<String> problems = new ArrayList<>();
            BuildContext context =
                    BuildContext.scan(new LocalWorkspaceFiles(dir.toPath()), contextDir, dockerfile, problems);
            return context == null
                    ? new Summary(problems, 0, 0)
                    : new Summary(List.of(), context.fileCount(), context.tarSize(), context.skipped());
        }
    }

    /** On the agent: scans the context and returns what {@link Summary} holds. */
    static final class Scan extends MasterToSlaveFileCallable<Summary> {
        private static final long serialVersionUID = 1L;
        private final String contextDir;
        private final String dockerfile;

        Scan(String contextDir, String dockerfile) {
            this.contextDir = contextDir;
            this.dockerfile = dockerfile;
        }

        @Override
        public Summary invoke(File dir, VirtualChannel channel) throws IOException {
            return Summary.of(dir, contextDir, dockerfile);
        }
    }

    /**
     * On the agent: scans again, refuses a context that changed since it was checked (its size is what the engine
     * announced and the pod expects), writes the tar into the stream and closes it (which, for a remote stream,
     * ends its export; the controller's stream stays open).
     */
    static final class Write extends MasterToSlaveFileCallable<Long> {
        private static final long serialVersionUID = 1L;
        private final String contextDir;
        private final String dockerfile;
        private final Summary expected;
        private final OutputStream out;

        Write(String contextDir, String dockerfile, Summary expected, OutputStream out) {
            this.contextDir = contextDir;
            this.dockerfile = dockerfile;
            this.expected = expected;
            this.out = out;
        }

        @Override
        public Long invoke(File dir, VirtualChannel channel) throws IOException {
            try (OutputStream sink = out) {
                List<String> problems = new ArrayList<>();
                BuildContext context =
                        BuildContext.scan(new LocalWorkspaceFiles(dir.toPath()), contextDir, dockerfile, problems);
                if (context == null) {
                    throw new IOException("the build context '" + contextDir + "' changed after it was checked: "
                            + String.join("; ", problems) + "; run the build again");
                }
                if (context.tarSize() != expected.tarSize() || context.fileCount() != expected.fileCount()) {
                    throw new IOException("the build context '" + contextDir + "' changed after it was checked ("
                            + expected.fileCount() + " files in " + expected.tarSize() + " bytes of tar then, "
                            + context.fileCount() + " files in " + context.tarSize() + " bytes now); do not change"
                            + " the workspace while bakeImage runs, or run the build again");
                }
                BufferedOutputStream buffered = new BufferedOutputStream(sink, 64 * 1024);
                context.writeTo(buffered);
                buffered.flush();
                return context.tarSize();
            }
        }
    }

    /** The controller's end of the stream: the agent's close only ends the remote export. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
