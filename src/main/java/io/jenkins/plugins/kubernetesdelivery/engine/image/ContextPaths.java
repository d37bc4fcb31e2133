package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

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

    /** As many links as Linux follows in one lookup before it gives up (ELOOP). */
    static final int MAX_LINK_HOPS = 40;

    /**
     * Whether the symlink at {@code link} (relative to the context) leads outside the context when followed as the
     * OS follows it in the unpacked context: segment by segment, through the other links in {@code links} (path to
     * target), {@code ..} leaving a resolved directory. An absolute or empty target, anywhere in the chain, leaves.
     * A chain of more than {@value #MAX_LINK_HOPS} links resolves to nothing and reads nothing: it stays.
     */
    static boolean leavesContext(String link, Map<String, String> links) {
        List<String> at = new ArrayList<>();
        String parent = parent(link);
        if (!parent.isEmpty()) {
            at.addAll(List.of(parent.split("/")));
        }
        Deque<String> todo = new ArrayDeque<>();
        int hops = 0;
        String target = links.get(link);
        while (true) {
            if (target != null) {
                if (target.isEmpty() || target.startsWith("/")) {
                    return true;
                }
                if (++hops > MAX_LINK_HOPS) {
                    return false;
                }
                String[] segs = target.split("/");
                for (int i = segs.length - 1; i >= 0; i--) {
                    todo.addFirst(segs[i]);
                }
            }
            if (todo.isEmpty()) {
                return false;
            }
            String seg = todo.pollFirst();
            target = null;
            if (seg.equals("..")) {
                if (at.isEmpty()) {
                    return true;
                }
                at.remove(at.size() - 1);
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                String next = at.isEmpty() ? seg : String.join("/", at) + "/" + seg;
                target = links.get(next);
                if (target == null) {
                    at.add(seg);
                }
            }
        }
    }
}
