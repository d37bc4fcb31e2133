package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Left out: {@code @LegacyMixIn}, {@code @NameWith} and the nested name provider. */
public interface UsernameCredentials extends Credentials {

    @NonNull
    String getUsername();
}
