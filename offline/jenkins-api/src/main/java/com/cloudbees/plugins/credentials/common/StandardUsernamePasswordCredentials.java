package com.cloudbees.plugins.credentials.common;

/** Left out: {@code @Recommended}, {@code @NameWith} and the nested name provider. */
public interface StandardUsernamePasswordCredentials
        extends StandardUsernameCredentials, UsernamePasswordCredentials {}
