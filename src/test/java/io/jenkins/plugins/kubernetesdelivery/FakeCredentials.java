package io.jenkins.plugins.kubernetesdelivery;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Credentials made in tests without a running Jenkins: the plugin sees them only through their interfaces. */
final class FakeCredentials {

    private FakeCredentials() {}

    abstract static class Base implements StandardCredentials {
        private final String id;

        Base(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "made by a test";
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            throw new UnsupportedOperationException("not needed without Jenkins");
        }
    }

    static StringCredentials token(String id, String token) {
        final class Token extends Base implements StringCredentials {
            Token() {
                super(id);
            }

            @Override
            public Secret getSecret() {
                return Secret.fromString(token);
            }
        }
        return new Token();
    }

    static FileCredentials file(String id, String fileName, String content) {
        final class File extends Base implements FileCredentials {
            File() {
                super(id);
            }

            @Override
            public String getFileName() {
                return fileName;
            }

            @Override
            public InputStream getContent() {
                return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new File();
    }

    static StandardCertificateCredentials certificate(String id, KeyStore keyStore, String password) {
        final class Certificate extends Base implements StandardCertificateCredentials {
            Certificate() {
                super(id);
            }

            @Override
            public KeyStore getKeyStore() {
                return keyStore;
            }

            @Override
            public Secret getPassword() {
                return Secret.fromString(password);
            }
        }
        return new Certificate();
    }

    /** A kind of credentials a cluster cannot use (say, a username and password). */
    static StandardCredentials unsupported(String id) {
        final class Other extends Base {
            Other() {
                super(id);
            }
        }
        return new Other();
    }
}
