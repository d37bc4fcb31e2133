package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.image.WorkspaceFiles.Stat;
import io.jenkins.plugins.kubernetesdelivery.engine.image.WorkspaceFiles.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The build context as it will be sent: the files of the context directory that {@code .dockerignore} keeps
 * (the Dockerfile and {@code .dockerignore} always), checked not to escape the context, and written as a tar
 * stream on demand. Scanning reads only metadata; {@link #writeTo} reads the files.
 */
public final class BuildContext implements ContextSource {

    static final String DOCKERIGNORE = ".dockerignore";
    private static final int DOCKERIGNORE_MAX = 1 << 20;

    /** One archived entry; {@code path} is relative to the context. */
    public record Entry(String path, Type type, long size, int mode, long modifiedSeconds, String linkTarget) {}

    private final WorkspaceFiles files;
    private final String root;
    private final String dockerfile;
    private final List<Entry> entries;
    private final int skipped;

    private BuildContext(WorkspaceFiles files, String root, String dockerfile, List<Entry> entries, int skipped) {
        this.files = files;
        this.root = root;
        this.dockerfile = dockerfile;
        this.entries = List.copyOf(entries);
        this.skipped = skipped;
    }

    /**
     * Scans a context directory.
     *
     * @param contextDir relative to the workspace
     * @param dockerfile relative to the context directory
     * @throws DeliveryException (invalid) naming every problem found: a path that leaves the workspace, a missing
     *     Dockerfile, a symlink that points outside the context, an empty context
     * @throws IOException when the workspace cannot be read
     */
    public static BuildContext scan(WorkspaceFiles files, String contextDir, String dockerfile) throws IOException {
        List<String> problems = new ArrayList<>();
        BuildContext context = scan(files, contextDir, dockerfile, problems);
        if (context == null) {
            throw DeliveryException.invalid("the build context '" + contextDir + "'", problems);
        }
        return context;
    }

    /**
     * Scans a context directory; {@code null} when it found problems, which it added to {@code problems} (each
     * naming the input and the rule). Runs where the files are: a caller whose workspace is elsewhere runs it there
     * and hands the sizes back as its own {@link ContextSource}.
     *
     * @param contextDir relative to the workspace
     * @param dockerfile relative to the context directory; {@code null} for {@code Dockerfile}
     * @throws IOException when the workspace cannot be read
     */
    public static BuildContext scan(WorkspaceFiles files, String contextDir, String dockerfile, List<String> problems)
            throws IOException {
        int before = problems.size();
        String root = ContextPaths.relative("context", contextDir, problems);
        String df = ContextPaths.relative("dockerfile", dockerfile == null ? "Dockerfile" : dockerfile, problems);
        if ("".equals(df)) {
            problems.add("dockerfile must name a file");
        }
        if (problems.size() > before || symlinkOnTheWay(files, root, problems)) {
            return null;
        }
        Stat rootStat = files.stat(root);
        if (rootStat.type() != Type.DIRECTORY) {
            problems.add("context '" + display(root) + "' " + (rootStat.type() == Type.MISSING
                    ? "does not exist in the workspace" : "is not a directory"));
            return null;
        }
        Stat dfStat = files.stat(ContextPaths.join(root, df));
        if (dfStat.type() != Type.FILE) {
            problems.add("dockerfile '" + df + "' " + (dfStat.type() == Type.MISSING
                    ? "does not exist in the context '" + display(root) + "'" : "is not a regular file"));
        }
        DockerIgnore ignore = readIgnore(files, root, problems);
        if (ignore == null) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        int[] skipped = {0};
        walk(files, root, "", ignore.keeping(DOCKERIGNORE, df), entries, skipped, problems);
        if (entries.isEmpty() && problems.size() == before) {
            problems.add("context '" + display(root) + "' is empty after .dockerignore");
        }
        return problems.size() > before ? null : new BuildContext(files, root, df, entries, skipped[0]);
    }

    private static void walk(WorkspaceFiles files, String root, String dir, DockerIgnore ignore, List<Entry> out,
            int[] skipped, List<String> problems) throws IOException {
        List<String> names = new ArrayList<>(files.list(ContextPaths.join(root, dir)));
        names.sort(null);
        for (String name : names) {
            String rel = ContextPaths.join(dir, name);
            String full = ContextPaths.join(root, rel);
            Stat st = files.stat(full);
            boolean excluded = ignore.excludes(rel);
            switch (st.type()) {
                case DIRECTORY -> {
                    if (!excluded) {
                        out.add(new Entry(rel, Type.DIRECTORY, 0, st.mode(), st.modifiedSeconds(), null));
                    }
                    if (!excluded || ignore.mayKeepInside(rel)) {
                        walk(files, root, rel, ignore, out, skipped, problems);
                    }
                }
                case FILE -> {
                    if (!excluded) {
                        out.add(new Entry(rel, Type.FILE, st.size(), st.mode(), st.modifiedSeconds(), null));
                    }
                }
                case SYMLINK -> {
                    if (!excluded) {
                        String target = files.readLink(full);
                        if (ContextPaths.linkStaysInside(rel, target)) {
                            out.add(new Entry(rel, Type.SYMLINK, 0, 0777, st.modifiedSeconds(), target));
                        } else {
                            problems.add("context symlink '" + rel + "' points outside the context ('" + target
                                    + "'); remove it or exclude it in .dockerignore");
                        }
                    }
                }
                default -> skipped[0]++;
            }
        }
    }

    /** Whether the context directory is reached through a symlink (a problem then). */
    private static boolean symlinkOnTheWay(WorkspaceFiles files, String root, List<String> problems)
            throws IOException {
        String path = "";
        for (String seg : root.isEmpty() ? new String[0] : root.split("/")) {
            path = ContextPaths.join(path, seg);
            if (files.stat(path).type() == Type.SYMLINK) {
                problems.add("context '" + root + "' goes through the symlink '" + path
                        + "'; name the real directory");
                return true;
            }
        }
        return false;
    }

    /** The context's {@code .dockerignore}, or none; {@code null} after adding a problem. */
    private static DockerIgnore readIgnore(WorkspaceFiles files, String root, List<String> problems)
            throws IOException {
        String path = ContextPaths.join(root, DOCKERIGNORE);
        Stat st = files.stat(path);
        if (st.type() != Type.FILE) {
            return DockerIgnore.none();
        }
        if (st.size() > DOCKERIGNORE_MAX) {
            problems.add("context .dockerignore is larger than 1 MiB");
            return null;
        }
        try (InputStream in = files.open(path)) {
            return DockerIgnore.parse(new String(in.readNBytes(DOCKERIGNORE_MAX), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            problems.add("context " + e.getMessage());
            return null;
        }
    }

    private static String display(String root) {
        return root.isEmpty() ? "." : root;
    }

    /** The context directory, relative to the workspace ("" for the workspace itself). */
    public String root() {
        return root;
    }

    /** The Dockerfile, relative to the context. */
    public String dockerfile() {
        return dockerfile;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries neither file, directory nor symlink (sockets, devices), left out. */
    public int skipped() {
        return skipped;
    }

    /** No problems: a context with problems is never made. */
    @Override
    public List<String> problems() {
        return List.of();
    }

    @Override
    public long fileCount() {
        return entries.stream().filter(e -> e.type() == Type.FILE).count();
    }

    /** The exact size of the tar stream {@link #writeTo} writes. */
    @Override
    public long tarSize() {
        long size = TarWriter.trailerSize();
        for (Entry e : entries) {
            String name = e.type() == Type.DIRECTORY ? e.path() + "/" : e.path();
            size += TarWriter.entrySize(name, e.linkTarget(), e.size());
        }
        return size;
    }

    /** Writes the context as a tar stream; does not close {@code out}. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        for (Entry e : entries) {
            switch (e.type()) {
                case DIRECTORY -> tar.directory(e.path(), e.mode() < 0 ? 0755 : e.mode(), e.modifiedSeconds());
                case SYMLINK -> tar.symlink(e.path(), e.linkTarget(), e.modifiedSeconds());
                default -> {
                    try (InputStream in = files.open(ContextPaths.join(root, e.path()))) {
                        tar.file(e.path(), e.mode() < 0 ? 0644 : e.mode(), e.size(), e.modifiedSeconds(), in);
                    }
                }
            }
        }
        tar.finish();
    }
}
