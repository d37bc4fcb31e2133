package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.util.Collection;
import java.util.Locale;

/**
 * Whether two user ids (or two group names) name the same user (group): the security realm's rule. Jenkins' default
 * strategy ignores case; some realms compare exactly.
 */
@FunctionalInterface
public interface IdMatcher {

    /** Jenkins' default: ids that differ only in case are the same (compared as Jenkins does, in English). */
    IdMatcher CASE_INSENSITIVE = (a, b) -> a.toLowerCase(Locale.ENGLISH).equals(b.toLowerCase(Locale.ENGLISH));

    /** Ids are the same only when equal. */
    IdMatcher CASE_SENSITIVE = String::equals;

    /** Whether {@code a} and {@code b} (neither null) name the same user or group. */
    boolean same(String a, String b);

    /** Whether {@code id} names one of {@code ids}; false for a null {@code id}. */
    default boolean anyOf(String id, Collection<String> ids) {
        if (id == null) {
            return false;
        }
        for (String other : ids) {
            if (other != null && same(id, other)) {
                return true;
            }
        }
        return false;
    }
}
