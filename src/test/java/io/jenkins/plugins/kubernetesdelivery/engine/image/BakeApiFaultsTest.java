package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API faults injected with the fabric8 mock server: the bake fails in one line and still cleans up by label. */
class BakeApiFaultsTest {

    @TempDir
    Path ws;

    KubernetesMockServer server;
    KubernetesClient client;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final KubernetesSerialization json = new KubernetesSerialization();

    void start(int createStatus, String createMessage) {
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                requests.add(r.getMethod() + " " + r.getPath());
                if (r.getMethod().equals("PATCH") && r.getPath().contains("/pods/")) {
                    return new MockResponse()
                            .setResponseCode(createStatus)
                            .setBody(json.asJson(new StatusBuilder()
                                    .withCode(createStatus)
                                    .withStatus("Failure")
                                    .withMessage(createMessage)
                                    .build()));
                }
                if (r.getMethod().equals("DELETE")) {
                    return new MockResponse().setResponseCode(200).setBody(json.asJson(new PodList()));
                }
                return new MockResponse().setResponseCode(404);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient(
                b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
            server.destroy();
        }
    }

    @Test
    void forbiddenPodCreationFailsInOneLineAndStillCleansUpByLabel() throws Exception {
        start(
                403,
                "pods \"bake-abc\" is forbidden: User \"jenkins\" cannot patch resource \"pods\" in the"
                        + " namespace \"builds\"");
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\n");
        ImageBaker baker = new ImageBaker(client, new StageDrivenChannels(), BakeSettings.DEFAULTS);
        Bake bake = baker.prepare(
                BakeRequest.builder("r.io/app")
                        .namespace("builds")
                        .bakeId("abc")
                        .credentials(new RegistryCredentials.UsernamePassword(null, "ci", "s3cret"))
                        .build(),
                new LocalWorkspaceFiles(ws),
                ProgressListener.NONE);
        assertThatThrownBy(bake::run).isInstanceOfSatisfying(BakeException.class, e -> {
            assertThat(e.reason())
                    .startsWith("the Kubernetes API refused a request for builds/bake-abc: pods"
                            + " \"bake-abc\" is forbidden")
                    .endsWith("check the namespace and the permissions of the" + " credentials")
                    .doesNotContain("\n")
                    .doesNotContain("s3cret");
        });
        assertThat(requests)
                .anyMatch(r ->
                        r.startsWith("PATCH /api/v1/namespaces/builds/pods/bake-abc?fieldManager=kubernetes-delivery"))
                .anyMatch(r -> r.startsWith(
                        "DELETE /api/v1/namespaces/builds/pods?labelSelector=delivery.jenkins.io%2Fbake%3Dabc"))
                .anyMatch(r -> r.startsWith(
                        "DELETE /api/v1/namespaces/builds/secrets?labelSelector=delivery.jenkins.io%2Fbake%3Dabc"))
                .noneMatch(r -> r.contains("/secrets/bake-abc-registry"));
    }
}
