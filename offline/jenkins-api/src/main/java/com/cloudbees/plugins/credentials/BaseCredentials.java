package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public class BaseCredentials implements Credentials {

    public BaseCredentials(@CheckForNull CredentialsScope scope) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
