package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import hudson.model.User;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Directory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The security realm as a {@link Directory}: a user's groups are the authorities of the user's impersonation, as
 * {@code input} sees them; an administrator has {@code Jenkins.ADMINISTER}. A user the realm cannot look up has no
 * groups and is no administrator (the check fails closed). Covered by the {@code *JenkinsTest}s.
 */
enum JenkinsDirectory implements Directory {
    INSTANCE;

    private static final Logger LOGGER = Logger.getLogger(JenkinsDirectory.class.getName());

    @Override
    public Collection<String> groupsOf(String userId) {
        List<String> groups = new ArrayList<>();
        impersonate(userId).ifPresent(a -> {
            for (GrantedAuthority g : a.getAuthorities()) {
                groups.add(g.getAuthority());
            }
        });
        return groups;
    }

    @Override
    public boolean isAdministrator(String userId) {
        return impersonate(userId)
                .map(a -> Jenkins.get().getACL().hasPermission2(a, Jenkins.ADMINISTER))
                .orElse(false);
    }

    private static Optional<Authentication> impersonate(String userId) {
        User user = User.getById(userId, false);
        if (user == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(user.impersonate2());
        } catch (RuntimeException e) { // UsernameNotFoundException, or a realm that cannot look users up
            LOGGER.log(Level.FINE, "cannot look up " + userId, e);
            return Optional.empty();
        }
    }
}
