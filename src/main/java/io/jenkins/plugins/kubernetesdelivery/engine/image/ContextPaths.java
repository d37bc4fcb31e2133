package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.ArrayList;
import java.util.List;

/** Checks and normalises the relative paths a bake request names (context directory, Dockerfile). */
final class ContextPaths {

    private ContextPaths() {}

    /**
     * The path relative to its base, '/'-separated, without {@code .} segments or trailing slash; "" for the base
     * itself.
     */
    static String relative(String input, String path) throws BakeInputException {
        if (path == null) {
            return "";
        }
        if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
            throw new BakeInputException(input, "'" + path + "' must be a relative path with '/' separators inside"
                    + " the workspace");
        }
        if (path.chars().anyMatch(c -> c < 0x20)) {
            throw new BakeInputException(input, "must not contain control characters");
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.equals("..")) {
                throw new BakeInputException(input, "'" + path + "' must stay inside its base directory: '..' is not"
                        + " allowed");
            }
            if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        return String.join("/", segments);
    }

    static String join(String base, String name) {
        return base.isEmpty() ? name : base + "/" + name;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Whether a symlink at {@code link} (relative to the context) with this target stays inside the context. */
    static boolean linkStaysInside(String link, String target) {
        if (target.isEmpty() || target.startsWith("/")) {
            return false;
        }
        String resolved = DockerIgnore.clean(join(parent(link), target));
        return !resolved.equals("..") && !resolved.startsWith("../");
    }
}
