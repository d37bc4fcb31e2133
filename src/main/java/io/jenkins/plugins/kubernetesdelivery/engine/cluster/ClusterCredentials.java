package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Objects;

/**
 * Resolved credentials for a cluster: secret values, already taken out of whatever store held them.
 * No implementation prints its secret in {@code toString()}.
 */
public sealed interface ClusterCredentials {

    /** No credentials of our own: in-cluster service account, or a kubeconfig that carries them. */
    record None() implements ClusterCredentials {}

    /** A bearer token. */
    record Token(String token) implements ClusterCredentials {
        public Token {
            if (token == null || token.isBlank()) {
                throw new DeliveryException("the token is empty");
            }
            token = token.strip();
        }

        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    /** A client certificate and its private key, both PEM-encoded. */
    record ClientCertificate(String certificatePem, String privateKeyPem) implements ClusterCredentials {
        public ClientCertificate {
            Objects.requireNonNull(certificatePem, "certificatePem");
            Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        }

        /**
         * Takes the first private key entry of a key store (such as the PKCS#12 store of a Jenkins certificate
         * credential) with its certificate chain.
         */
        public static ClientCertificate fromKeyStore(KeyStore keyStore, char[] password) throws IOException {
            try {
                for (String alias : Collections.list(keyStore.aliases())) {
                    if (!keyStore.isKeyEntry(alias)) {
                        continue;
                    }
                    Key key = keyStore.getKey(alias, password);
                    Certificate[] chain = keyStore.getCertificateChain(alias);
                    if (key instanceof PrivateKey && chain != null && chain.length > 0) {
                        StringBuilder certificates = new StringBuilder();
                        for (Certificate c : chain) {
                            certificates.append(pem("CERTIFICATE", c.getEncoded()));
                        }
                        return new ClientCertificate(certificates.toString(), pem("PRIVATE KEY", key.getEncoded()));
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read the client certificate key store: " + e.getMessage(), e);
            }
            throw new IOException("the client certificate key store holds no private key with a certificate");
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }

        @Override
        public String toString() {
            return "ClientCertificate[****]";
        }
    }

    /** A whole kubeconfig file; {@code context} empty means its current context. */
    record Kubeconfig(String content, String context) implements ClusterCredentials {
        public Kubeconfig {
            if (content == null || content.isBlank()) {
                throw new DeliveryException("the kubeconfig is empty");
            }
            context = Strings.blankToNull(context);
        }

        @Override
        public String toString() {
            return "Kubeconfig[****" + (context == null ? "" : ", context=" + context) + "]";
        }
    }
}
