package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** {@link WorkspaceFiles} over a directory of this machine. */
public final class LocalWorkspaceFiles implements WorkspaceFiles {

    private final Path root;

    public LocalWorkspaceFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path resolve(String path) {
        Path p = root.resolve(path.isEmpty() ? "." : path).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(path + " is outside the workspace");
        }
        return p;
    }

    @Override
    public List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(resolve(dir))) {
            s.forEach(p -> names.add(Objects.requireNonNull(p.getFileName()).toString()));
        }
        return names;
    }

    /**
     * {@link Stat#MISSING} also for a name this JVM cannot turn back into a path: one that is not valid in its file
     * name encoding ({@code sun.jnu.encoding}, ASCII in the C/POSIX locale), as listed by {@link #list}.
     */
    @Override
    public Stat stat(String path) throws IOException {
        Path p;
        try {
            p = resolve(path);
        } catch (InvalidPathException e) {
            return Stat.MISSING;
        }
        BasicFileAttributes a;
        try {
            a = attributes(p);
        } catch (NoSuchFileException e) {
            return Stat.MISSING;
        }
        Type type = a.isSymbolicLink()
                ? Type.SYMLINK
                : a.isDirectory() ? Type.DIRECTORY : a.isRegularFile() ? Type.FILE : Type.OTHER;
        int mode = type != Type.SYMLINK && a instanceof PosixFileAttributes posix ? bits(posix.permissions()) : -1;
        return new Stat(
                type,
                type == Type.FILE ? a.size() : 0,
                mode,
                a.lastModifiedTime().toMillis() / 1000);
    }

    /**
     * One {@code lstat}: the POSIX attributes (type, size, times and permissions together), or the basic ones where
     * the file system has no POSIX view.
     */
    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    @Override
    public String readLink(String path) throws IOException {
        return Files.readSymbolicLink(resolve(path)).toString();
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    private static int bits(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
