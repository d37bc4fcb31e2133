package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.image.WorkspaceFiles.Stat;
import io.jenkins.plugins.kubernetesdelivery.engine.image.WorkspaceFiles.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final List<String> skipped;

    private BuildContext(
            WorkspaceFiles files, String root, String dockerfile, List<Entry> entries, List<String> skipped) {
        this.files = files;
        this.root = root;
        this.dockerfile = dockerfile;
        this.entries = List.copyOf(entries);
        this.skipped = List.copyOf(skipped);
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
     * @throws IOException when the workspace cannot be read; an {@link InterruptedIOException} (the interrupt flag
     *     still set) when the thread was interrupted during the scan
     */
    public static BuildContext scan(WorkspaceFiles files, String contextDir, String dockerfile, List<String> problems)
            throws IOException {
        int before = problems.size();
        String root = ContextPaths.relative("context", contextDir, problems);
        String df = ContextPaths.relative("dockerfile", dockerfile == null ? "Dockerfile" : dockerfile, problems);
        if ("".equals(df)) {
            problems.add("dockerfile must name a file");
        }
        if (problems.size() > before) {
            return null;
        }
        String rootLink = symlinkOnTheWay(files, "", root, true);
        if (rootLink != null) {
            problems.add("context '" + root + "' goes through the symlink '" + rootLink + "'; name the real directory");
            return null;
        }
        Stat rootStat = files.stat(root);
        if (rootStat.type() != Type.DIRECTORY) {
            problems.add("context '" + display(root) + "' "
                    + (rootStat.type() == Type.MISSING ? "does not exist in the workspace" : "is not a directory"));
            return null;
        }
        String dfLink = symlinkOnTheWay(files, root, df, false);
        if (dfLink != null) {
            problems.add("dockerfile '" + df + "' goes through the symlink '" + dfLink + "'; name the real path");
        } else {
            Stat dfStat = files.stat(ContextPaths.join(root, df));
            if (dfStat.type() != Type.FILE) {
                problems.add("dockerfile '" + df + "' "
                        + (dfStat.type() == Type.MISSING
                                ? "does not exist in the context '" + display(root) + "'"
                                : "is not a regular file"));
            }
        }
        DockerIgnore ignore = readIgnore(files, root, problems);
        if (ignore == null) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        walk(files, root, "", ignore.keeping(DOCKERIGNORE, df), entries, skipped);
        List<Entry> kept = withoutEscapingLinks(entries, problems);
        if (kept.isEmpty() && problems.size() == before) {
            problems.add("context '" + display(root) + "' is empty after .dockerignore");
        }
        return problems.size() > before ? null : new BuildContext(files, root, df, kept, skipped);
    }

    /**
     * The entries without the symlinks that lead out of the context, each of those a problem. A link is followed
     * as the OS would follow it in the unpacked context: through the other archived links (audit D-11: {@code s ->
     * .} and {@code t -> s/s/..} each look inside as text, but {@code t} is the context's parent).
     */
    private static List<Entry> withoutEscapingLinks(List<Entry> entries, List<String> problems) {
        Map<String, String> links = new HashMap<>();
        for (Entry e : entries) {
            if (e.type() == Type.SYMLINK) {
                links.put(e.path(), e.linkTarget());
            }
        }
        if (links.isEmpty()) {
            return entries;
        }
        List<Entry> kept = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.type() == Type.SYMLINK && ContextPaths.leavesContext(e.path(), links)) {
                problems.add("context symlink '" + e.path() + "' points outside the context ('" + e.linkTarget()
                        + "'); remove it or exclude it in .dockerignore");
            } else {
                kept.add(e);
            }
        }
        return kept;
    }

    private static void walk(
            WorkspaceFiles files, String root, String dir, DockerIgnore ignore, List<Entry> out, List<String> skipped)
            throws IOException {
        List<String> names = new ArrayList<>(files.list(ContextPaths.join(root, dir)));
        names.sort(null);
        for (String name : names) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the scan of the build context was interrupted");
            }
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
                        out.add(new Entry(rel, Type.SYMLINK, 0, 0777, st.modifiedSeconds(), files.readLink(full)));
                    }
                }
                case MISSING -> {
                    if (!excluded) {
                        // listed, but not found by its name: bytes the file name encoding cannot decode
                        skipped.add("'" + printable(rel) + "': its name is not valid in the file name encoding "
                                + System.getProperty("sun.jnu.encoding", "of this machine")
                                + " (or it was removed during the scan)");
                    }
                }
                default -> {
                    if (!excluded) {
                        skipped.add("'" + printable(rel) + "': not a regular file, directory or symlink");
                    }
                }
            }
        }
    }

    /** A name for a console line: control characters (a newline in a file name) shown as '?'. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * The first symlink among the prefixes of {@code path} below {@code base} ({@code path} itself only when
     * {@code last}), relative to {@code base}; null when there is none.
     */
    private static String symlinkOnTheWay(WorkspaceFiles files, String base, String path, boolean last)
            throws IOException {
        String[] segments = path.isEmpty() ? new String[0] : path.split("/");
        String prefix = "";
        for (int i = 0; i < segments.length - (last ? 0 : 1); i++) {
            prefix = ContextPaths.join(prefix, segments[i]);
            if (files.stat(ContextPaths.join(base, prefix)).type() == Type.SYMLINK) {
                return prefix;
            }
        }
        return null;
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

    /**
     * The files left out for what they are (sockets, FIFOs, devices) or for a name this machine cannot decode, each
     * as {@code 'path': why}; the bake names each in the console.
     */
    @Override
    public List<String> skipped() {
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
