package com.cloudbees.plugins.credentials;

import hudson.model.SimpleParameterDefinition;
import org.kohsuke.stapler.DataBoundConstructor;

public class CredentialsParameterDefinition extends SimpleParameterDefinition {

    @DataBoundConstructor
    public CredentialsParameterDefinition(String name, String description, String defaultValue, String credentialType,
                                          boolean required) {
        super(name, description);
    }
}
