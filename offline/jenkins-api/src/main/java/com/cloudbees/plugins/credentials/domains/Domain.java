package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;

public class Domain implements Serializable {

    @DataBoundConstructor
    public Domain(String name, String description, List<DomainSpecification> specifications) {
        throw new UnsupportedOperationException();
    }
}
