package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each kind of credentials reaches the real testenv API server. */
@Tag("cluster")
class ClusterClientsClusterTest {

    private final ClusterClients clients = new ClusterClients();

    @AfterEach
    void close() {
        clients.close();
    }

    private static ClusterConnection connection(String name, ClusterCredentials credentials) {
        return new ClusterConnection(
                name, Testenv.file("server-url"), "default", Testenv.file("ca.crt"), false, credentials);
    }

    @Test
    void aTokenConnects() {
        ClusterConnection c = connection("token", new ClusterCredentials.Token(Testenv.file("admin-token")));
        assertThat(clients.serverVersion(c)).isEqualTo(Testenv.kubernetesVersion());
    }

    @Test
    void aKubeconfigConnects() {
        ClusterConnection c = new ClusterConnection(
                "kubeconfig",
                null,
                null,
                null,
                false,
                new ClusterCredentials.Kubeconfig(Testenv.kubeconfigText(), null));
        assertThat(clients.serverVersion(c)).isEqualTo(Testenv.kubernetesVersion());
        assertThat(clients.get(c).getNamespace()).isEqualTo("default");
    }

    @Test
    void aClientCertificateFromAPkcs12StoreConnects() throws Exception {
        char[] password = Testenv.file("admin.p12.password").toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Testenv.kubeconfig().resolveSibling("admin.p12"))) {
            store.load(in, password);
        }
        ClusterConnection c = connection("cert", ClusterCredentials.ClientCertificate.fromKeyStore(store, password));
        assertThat(clients.serverVersion(c)).isEqualTo(Testenv.kubernetesVersion());
    }

    @Test
    void aWrongTokenIsRefusedWith401() {
        ClusterConnection c = connection("wrong", new ClusterCredentials.Token("not-the-token"));
        assertThatThrownBy(() -> clients.serverVersion(c))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(401));
    }

    @Test
    void anUntrustedServerCertificateFailsUnlessVerificationIsSkipped() {
        ClusterCredentials token = new ClusterCredentials.Token(Testenv.file("admin-token"));
        ClusterConnection noCa = new ClusterConnection("no-ca", Testenv.file("server-url"), null, null, false, token);
        assertThatThrownBy(() -> clients.serverVersion(noCa)).isInstanceOf(KubernetesClientException.class);
        ClusterConnection skip = new ClusterConnection("skip", Testenv.file("server-url"), null, null, true, token);
        assertThat(clients.serverVersion(skip)).isEqualTo(Testenv.kubernetesVersion());
    }

    @Test
    void anOpenedClientBelongsToItsCallerAndOutlivesTheCache() {
        ClusterConnection c = connection("owned", new ClusterCredentials.Token(Testenv.file("admin-token")));
        KubernetesClient cached = clients.get(c);
        try (KubernetesClient owned = ClusterClients.open(c)) {
            assertThat(owned).isNotSameAs(cached);
            clients.evict("owned");
            assertThat(owned.getKubernetesVersion().getGitVersion()).isEqualTo(Testenv.kubernetesVersion());
        }
    }

    @Test
    void theSameConnectionReusesItsClientAndAChangedOneReplacesAndClosesIt() {
        ClusterConnection c = connection("cached", new ClusterCredentials.Token(Testenv.file("admin-token")));
        KubernetesClient first = clients.get(c);
        assertThat(clients.get(c)).isSameAs(first);
        assertThat(clients.get(connection("cached", new ClusterCredentials.Token(Testenv.file("admin-token")))))
                .as("an equal connection")
                .isSameAs(first);

        ClusterConnection changed =
                new ClusterConnection("cached", c.serverUrl(), "other", c.caCertificatePem(), false, c.credentials());
        KubernetesClient second = clients.get(changed);
        assertThat(second).isNotSameAs(first);
        assertThat(second.getNamespace()).isEqualTo("other");
        assertThat(clients.size()).isEqualTo(1);
        assertThatThrownBy(first::getKubernetesVersion)
                .as("the replaced client is closed")
                .isInstanceOf(RuntimeException.class);

        clients.evict("cached");
        assertThat(clients.size()).isZero();
        assertThatThrownBy(second::getKubernetesVersion).isInstanceOf(RuntimeException.class);
    }
}
