package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.AbstractDescribableImpl;
import java.io.IOException;
import java.util.List;
import java.util.Map;

public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> {

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException();
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException();
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public synchronized Map<Domain, List<Credentials>> getDomainCredentialsMap() {
        throw new UnsupportedOperationException();
    }

    public synchronized void setDomainCredentialsMap(Map<Domain, List<Credentials>> domainCredentialsMap) {
        throw new UnsupportedOperationException();
    }
}
