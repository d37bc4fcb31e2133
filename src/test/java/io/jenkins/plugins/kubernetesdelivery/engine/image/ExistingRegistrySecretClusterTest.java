package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Registry credentials from a Secret that already exists in the builder namespace (the CLI's --registry-secret). */
@Tag("cluster")
class ExistingRegistrySecretClusterTest {

    static final String DIGEST = "sha256:" + "0123456789ab".repeat(5) + "cdef";

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path ws;

    KubernetesClient client;
    StageDrivenChannels channels;
    ImageBaker baker;
    BakeStages stages;
    final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        client = ns.client();
        channels = new StageDrivenChannels();
        baker = new ImageBaker(client, channels, BakeSettings.DEFAULTS.withResync(Duration.ofSeconds(2)));
        stages = new BakeStages(client);
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\n");
    }

    @AfterEach
    void tearDown() {
        stages.close();
    }

    BakeRequest request(String secret) {
        return BakeRequest.builder("registry.example.com/shop/web")
                .namespace(ns.name())
                .timeout(Duration.ofMinutes(5))
                .credentials(new RegistryCredentials.ExistingSecret(secret))
                .extraLabels(stages.podLabels())
                .build();
    }

    Secret secret(String name, String type) {
        return client.secrets()
                .inNamespace(ns.name())
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withType(type)
                        .withData(Map.of(
                                ".dockerconfigjson",
                                Base64.getEncoder().encodeToString("{\"auths\":{}}".getBytes(StandardCharsets.UTF_8))))
                        .build())
                .create();
    }

    @Test
    void thePodMountsTheNamedSecretAndTheSecretOutlivesTheBake() throws Exception {
        Secret existing = secret("push-creds", "kubernetes.io/dockerconfigjson");
        stages.receiverRuns().buildTerminates(true, 0, "Completed", DIGEST);

        Bake bake = baker.prepare(request("push-creds"), new LocalWorkspaceFiles(ws), console::add);
        assertThat(bake.run().digest()).isEqualTo(DIGEST);

        Pod pod = channels.podDuringUpload;
        assertThat(pod.getSpec().getVolumes())
                .filteredOn(v -> v.getSecret() != null)
                .singleElement()
                .extracting(Volume::getSecret)
                .satisfies(s -> assertThat(s.getSecretName()).isEqualTo("push-creds"));
        assertThat(pod.getSpec().getContainers())
                .singleElement()
                .satisfies(c -> assertThat(c.getEnv())
                        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("DOCKER_CONFIG")));
        assertThat(channels.secretDuringUpload)
                .as("no Secret of the bake's own")
                .isNull();
        client.pods()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE, bake.handle().bakeId())
                .informOnCondition(List::isEmpty)
                .get(60, TimeUnit.SECONDS);
        Secret after =
                client.secrets().inNamespace(ns.name()).withName("push-creds").get();
        assertThat(after.getMetadata().getUid())
                .isEqualTo(existing.getMetadata().getUid());
        assertThat(after.getMetadata().getResourceVersion())
                .isEqualTo(existing.getMetadata().getResourceVersion());
    }

    @Test
    void aMissingSecretFailsBeforeAnyPodIsCreated() throws Exception {
        Bake bake = baker.prepare(request("nowhere"), new LocalWorkspaceFiles(ws), console::add);
        assertThatThrownBy(bake::run)
                .isInstanceOfSatisfying(
                        BakeException.class,
                        e -> assertThat(e.reason())
                                .isEqualTo("the registry Secret " + ns.name()
                                        + "/nowhere does not exist; create it in the builder"
                                        + " namespace (kubectl create secret docker-registry nowhere -n " + ns.name()
                                        + " …) or name another one"));
        assertThat(client.pods().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(channels.calls).isEmpty();
    }

    @Test
    void aSecretOfAnotherTypeIsRefused() throws Exception {
        secret("opaque", "Opaque");
        Bake bake = baker.prepare(request("opaque"), new LocalWorkspaceFiles(ws), console::add);
        assertThatThrownBy(bake::run)
                .isInstanceOfSatisfying(
                        BakeException.class,
                        e -> assertThat(e.reason()).contains("is of type Opaque, not kubernetes.io/dockerconfigjson"));
        assertThat(client.pods().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void anInvalidSecretNameIsAnInputProblem() {
        assertThat(request("Not_A_Name").validate())
                .singleElement()
                .asString()
                .startsWith("registry Secret 'Not_A_Name' ");
        assertThatThrownBy(() -> baker.prepare(request("Not_A_Name"), new LocalWorkspaceFiles(ws), console::add))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("nothing in the cluster changed");
    }
}
