package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.ArrayList;
import java.util.List;

/** Checks and normalises the relative paths a bake request names (context directory, Dockerfile). */
final class ContextPaths {

    private ContextPaths() {}

    /**
     * The path relative to its base, '/'-separated, without {@code .} segments or trailing slash; "" for the base
     * itself. {@code null} when the path breaks a rule: the problem, naming {@code input}, is added to
     * {@code problems}.
     */
    static String relative(String input, String path, List<String> problems) {
        if (path == null) {
            return "";
        }
        if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
            problems.add(input + " '" + path + "' must be a relative path with '/' separators inside the workspace");
            return null;
        }
        if (path.chars().anyMatch(c -> c < 0x20)) {
            problems.add(input + " must not contain control characters");
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.equals("..")) {
                problems.add(input + " '" + path + "' must stay inside its base directory: '..' is not allowed");
                return null;
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
