package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Of the real supertypes (PersistenceRoot, FullyNamedModelObject, SearchableModelObject, FullyNamed, Named,
 * AccessControlled, OnMaster) only AccessControlled is kept; {@code getFullName()} is declared here.
 */
public interface Item extends AccessControlled {

    String getFullName();

    Permission CONFIGURE = null;

    Permission READ = null;
}
