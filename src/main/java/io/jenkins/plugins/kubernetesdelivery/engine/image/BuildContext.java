package io.jenkins.plugins.kubernetesdelivery.engine.image;

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
public final class BuildContext {

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
     */
    public static BuildContext scan(WorkspaceFiles files, String contextDir, String dockerfile)
            throws IOException, BakeInputException {
        String root = ContextPaths.relative("context", contextDir);
        String df = ContextPaths.relative("dockerfile", dockerfile == null ? "Dockerfile" : dockerfile);
        if (df.isEmpty()) {
            throw new BakeInputException("dockerfile", "must name a file");
        }
        checkNoSymlinkOnTheWay(files, root);
        Stat rootStat = files.stat(root);
        if (rootStat.type() != Type.DIRECTORY) {
            throw new BakeInputException("context", "'" + display(root) + "' "
                    + (rootStat.type() == Type.MISSING ? "does not exist in the workspace" : "is not a directory"));
        }
        Stat dfStat = files.stat(ContextPaths.join(root, df));
        if (dfStat.type() != Type.FILE) {
            throw new BakeInputException("dockerfile", "'" + df + "' "
                    + (dfStat.type() == Type.MISSING ? "does not exist in the context '" + display(root) + "'"
                            : "is not a regular file"));
        }
        DockerIgnore ignore = readIgnore(files, root).keeping(DOCKERIGNORE, df);
        List<Entry> entries = new ArrayList<>();
        int[] skipped = {0};
        walk(files, root, "", ignore, entries, skipped);
        if (entries.isEmpty()) {
            throw new BakeInputException("context", "'" + display(root) + "' is empty after .dockerignore");
        }
        return new BuildContext(files, root, df, entries, skipped[0]);
    }

    private static void walk(WorkspaceFiles files, String root, String dir, DockerIgnore ignore, List<Entry> out,
            int[] skipped) throws IOException, BakeInputException {
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
                        walk(files, root, rel, ignore, out, skipped);
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
                        if (!ContextPaths.linkStaysInside(rel, target)) {
                            throw new BakeInputException("context", "symlink '" + rel + "' points outside the"
                                    + " context ('" + target + "'); remove it or exclude it in .dockerignore");
                        }
                        out.add(new Entry(rel, Type.SYMLINK, 0, 0777, st.modifiedSeconds(), target));
                    }
                }
                default -> skipped[0]++;
            }
        }
    }

    private static void checkNoSymlinkOnTheWay(WorkspaceFiles files, String root) throws IOException,
            BakeInputException {
        String path = "";
        for (String seg : root.isEmpty() ? new String[0] : root.split("/")) {
            path = ContextPaths.join(path, seg);
            if (files.stat(path).type() == Type.SYMLINK) {
                throw new BakeInputException("context", "'" + root + "' goes through the symlink '" + path
                        + "'; name the real directory");
            }
        }
    }

    private static DockerIgnore readIgnore(WorkspaceFiles files, String root) throws IOException,
            BakeInputException {
        String path = ContextPaths.join(root, DOCKERIGNORE);
        Stat st = files.stat(path);
        if (st.type() != Type.FILE) {
            return DockerIgnore.none();
        }
        if (st.size() > DOCKERIGNORE_MAX) {
            throw new BakeInputException("context", ".dockerignore is larger than 1 MiB");
        }
        try (InputStream in = files.open(path)) {
            return DockerIgnore.parse(new String(in.readNBytes(DOCKERIGNORE_MAX), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BakeInputException("context", e.getMessage());
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

    public long fileCount() {
        return entries.stream().filter(e -> e.type() == Type.FILE).count();
    }

    /** The exact size of the tar stream {@link #writeTo} writes. */
    public long tarSize() {
        long size = TarWriter.trailerSize();
        for (Entry e : entries) {
            String name = e.type() == Type.DIRECTORY ? e.path() + "/" : e.path();
            size += TarWriter.entrySize(name, e.linkTarget(), e.size());
        }
        return size;
    }

    /** Writes the context as a tar stream; does not close {@code out}. */
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
