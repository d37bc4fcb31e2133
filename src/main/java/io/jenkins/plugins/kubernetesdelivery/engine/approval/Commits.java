package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commits between the live release and the candidate, or why they are not known.
 *
 * @param list the commits, newest first; empty when unknown
 * @param unknownBecause {@code null} when the list is known, else why not (e.g. the live release was deployed by
 *     another job)
 */
public record Commits(List<Commit> list, String unknownBecause) {

    public Commits {
        list = list == null ? List.of() : List.copyOf(list);
        unknownBecause = PlainText.line(unknownBecause, 300);
    }

    /** A known list. */
    public static Commits of(List<Commit> list) {
        return new Commits(list, null);
    }

    /** Unknown, and why. */
    public static Commits unknown(String because) {
        return new Commits(List.of(), because == null ? "not known" : because);
    }

    public boolean known() {
        return unknownBecause == null;
    }

    /** The user ids of the commits' authors, in order, without repeats. */
    public Set<String> authors() {
        Set<String> authors = new LinkedHashSet<>();
        for (Commit c : list) {
            if (c.author() != null && !c.author().isEmpty()) {
                authors.add(c.author());
            }
        }
        return authors;
    }
}
