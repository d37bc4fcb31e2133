package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Read access to the build's workspace, the port through which the bake reads its context. Paths are relative to
 * the workspace root and use '/'; the engine never passes an absolute path or a {@code ..} segment. The Jenkins
 * layer implements it over {@code FilePath}; {@link LocalWorkspaceFiles} over a local directory.
 */
public interface WorkspaceFiles {

    enum Type {
        FILE,
        DIRECTORY,
        SYMLINK,
        OTHER,
        MISSING
    }

    /**
     * What {@code lstat} says about a path (symlinks are not followed).
     *
     * @param mode the permission bits ({@code 0644}, {@code 0755}...), or -1 when unknown
     * @param modifiedSeconds the modification time in seconds since the epoch
     */
    record Stat(Type type, long size, int mode, long modifiedSeconds) {
        public static final Stat MISSING = new Stat(Type.MISSING, 0, -1, 0);
    }

    /** The names of the entries directly inside a directory, in any order. */
    List<String> list(String dir) throws IOException;

    /** The path's type, size and mode, without following a symlink; {@link Stat#MISSING} when it does not exist. */
    Stat stat(String path) throws IOException;

    /** The target of a symlink, as stored in the link. */
    String readLink(String path) throws IOException;

    /** The content of a regular file. */
    InputStream open(String path) throws IOException;
}
