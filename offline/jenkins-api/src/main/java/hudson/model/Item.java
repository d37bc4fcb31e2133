package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Left out: the supertypes other than {@link AccessControlled} ({@code PersistenceRoot}, {@code FullyNamedModelObject},
 * {@code SearchableModelObject}, {@code FullyNamed}, {@code Named}, {@code OnMaster}). The permissions are plain
 * instances (a null constant would make SpotBugs report every permission check that uses it).
 */
public interface Item extends AccessControlled {

    String getFullName();

    Permission CONFIGURE = new Permission();

    Permission READ = new Permission();

    Permission BUILD = new Permission();
}
