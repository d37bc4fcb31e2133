package com.cloudbees.plugins.credentials.common;

/** Left out: {@code @LegacyMixIn}, {@code @NameWith} and the nested name provider. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {}
