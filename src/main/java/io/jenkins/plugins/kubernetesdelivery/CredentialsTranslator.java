package io.jenkins.plugins.kubernetesdelivery;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Takes the secret out of a Jenkins credential and hands it to the engine: a secret file is a kubeconfig, secret
 * text is a bearer token, a certificate credential is a client certificate. Messages name the credentials ID, never
 * a secret.
 */
final class CredentialsTranslator {

    private CredentialsTranslator() {}

    static ClusterCredentials translate(StandardCredentials c) throws AbortException {
        if (c instanceof FileCredentials f) {
            return kubeconfig(f);
        }
        if (c instanceof StringCredentials s) {
            try {
                return new ClusterCredentials.Token(s.getSecret().getPlainText());
            } catch (DeliveryException e) {
                throw new AbortException(Messages.Credentials_Unreadable(c.getId(), e.getMessage(), kindOf(c)));
            }
        }
        if (c instanceof StandardCertificateCredentials cc) {
            try {
                char[] password = cc.getPassword().getPlainText().toCharArray();
                return ClusterCredentials.ClientCertificate.fromKeyStore(cc.getKeyStore(), password);
            } catch (IOException | RuntimeException e) {
                throw new AbortException(Messages.Credentials_Unreadable(c.getId(), e.getMessage(), kindOf(c)));
            }
        }
        throw new AbortException(
                Messages.Credentials_Unsupported(c.getId(), c.getClass().getSimpleName()));
    }

    private static ClusterCredentials kubeconfig(FileCredentials f) throws AbortException {
        try (InputStream in = f.getContent()) {
            return new ClusterCredentials.Kubeconfig(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException | DeliveryException e) {
            throw new AbortException(Messages.Credentials_Unreadable(f.getId(), e.getMessage(), kindOf(f)));
        }
    }

    /** What a supported credential is expected to hold, for messages. */
    static String kindOf(StandardCredentials c) {
        if (c instanceof FileCredentials) {
            return Messages.Credentials_KindKubeconfig();
        }
        if (c instanceof StringCredentials) {
            return Messages.Credentials_KindToken();
        }
        return Messages.Credentials_KindCertificate();
    }
}
