package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.kohsuke.stapler.DataBoundConstructor;

public class HostnameSpecification extends DomainSpecification {

    @DataBoundConstructor
    public HostnameSpecification(@CheckForNull String includes, @CheckForNull String excludes) {
        throw new UnsupportedOperationException();
    }
}
