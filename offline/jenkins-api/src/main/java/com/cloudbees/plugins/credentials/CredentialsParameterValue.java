package com.cloudbees.plugins.credentials;

import hudson.model.ParameterValue;
import org.kohsuke.stapler.DataBoundConstructor;

public class CredentialsParameterValue extends ParameterValue {

    @DataBoundConstructor
    public CredentialsParameterValue(String name, String value, String description) {
        super(name, description);
    }
}
