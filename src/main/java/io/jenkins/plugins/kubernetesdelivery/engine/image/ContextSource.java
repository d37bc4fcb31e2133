package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A scanned build context, ready to be sent: what the scan found wrong, or the context's size and a way to write
 * its tar. {@link BuildContext} is one, scanned through a {@link WorkspaceFiles} in this process. A caller whose
 * workspace lives elsewhere (a Jenkins agent) runs {@link BuildContext#scan(WorkspaceFiles, String, String, List)}
 * there and supplies its own source: the sizes from that scan, and a {@link #writeTo} that streams the tar written
 * there, so the files never cross one by one.
 */
public interface ContextSource {

    /**
     * Every problem the scan found (a path that leaves the workspace, a missing Dockerfile, a symlink that points
     * outside the context, an empty context), each naming the input and the rule; empty when the context can be
     * sent. {@link ImageBaker#prepare(BakeRequest, ContextSource, ProgressListener)} reports them together with the
     * request's own problems.
     */
    List<String> problems();

    /** The number of regular files in the context (for console lines). */
    long fileCount();

    /** The exact number of bytes {@link #writeTo} writes. */
    long tarSize();

    /**
     * Writes the context as a tar stream of exactly {@link #tarSize()} bytes; does not close {@code out}. An
     * {@link java.io.InterruptedIOException} (with the thread's interrupt flag set) means the bake was aborted.
     */
    void writeTo(OutputStream out) throws IOException;
}
