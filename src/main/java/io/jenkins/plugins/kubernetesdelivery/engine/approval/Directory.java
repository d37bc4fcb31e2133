package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.util.Collection;
import java.util.List;

/**
 * What the security realm knows about a user, asked only when an approval cannot be decided without it (the approver
 * is not named by id, and the approvers changed since the approval was given). Lookups may be slow (a directory
 * server): {@link ApprovalRules} asks as little as it can.
 */
public interface Directory {

    /** Knows nobody: no groups, no administrators. */
    Directory NONE = new Directory() {
        @Override
        public Collection<String> groupsOf(String userId) {
            return List.of();
        }

        @Override
        public boolean isAdministrator(String userId) {
            return false;
        }
    };

    /** The groups (granted authorities) of {@code userId}; empty when the user or the lookup is unknown. */
    Collection<String> groupsOf(String userId);

    /** Whether {@code userId} administers Jenkins (who may answer any {@code input}). */
    boolean isAdministrator(String userId);
}
