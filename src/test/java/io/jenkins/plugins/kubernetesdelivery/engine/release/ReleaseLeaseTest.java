package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lease against the mock API server: answers a real API server does not give on demand. */
class ReleaseLeaseTest {

    static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/shop/leases/web-delivery";

    ScriptedDispatcher api = new ScriptedDispatcher();
    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
        server.init();
        client = server.createClient(
                b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static MockResponse raw(int code, String json) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(json);
    }

    private static String lease(String annotations) {
        return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"web-delivery\","
                + "\"namespace\":\"shop\",\"resourceVersion\":\"7\",\"annotations\":" + annotations + "},"
                + "\"spec\":{\"holderIdentity\":\"op-1\",\"leaseDurationSeconds\":60}}";
    }

    /** D-18: giving up a Lease whose annotations come back as null neither throws nor keeps it. */
    @Test
    void closeGivesUpALeaseWithNullAnnotationsWithoutThrowing() {
        api.on("GET " + LEASE, ScriptedDispatcher.status(404, "NotFound", "not found"), raw(200, lease("null")));
        api.on("POST /apis/coordination.k8s.io/v1/namespaces/shop/leases", raw(201, lease("{}")));
        api.on("PUT " + LEASE, raw(200, lease("null")));
        ReleaseLease l = new ReleaseLease(client, "shop", "web", "op-1", "deploy of web by alice", Clock.systemUTC());
        l.acquire(Duration.ZERO, ProgressListener.NONE);
        l.close();
        assertThat(api.count("PUT " + LEASE)).as("given up").isEqualTo(1);
        assertThat(api.bodies.get(api.requests.lastIndexOf("PUT " + LEASE))).doesNotContain("op-1");
    }

    /**
     * D-18: a failure other than the API's (here: an unreadable answer) while giving it up never fails close(). The
     * Lease is first given back with the version last written (no read); on a conflict it is read, and the
     * unreadable answer ends the give-back without a second write.
     */
    @Test
    void closeNeverThrows() {
        api.on("GET " + LEASE, ScriptedDispatcher.status(404, "NotFound", "not found"), raw(200, "{not json"));
        api.on("POST /apis/coordination.k8s.io/v1/namespaces/shop/leases", raw(201, lease("{}")));
        api.on("PUT " + LEASE, ScriptedDispatcher.status(409, "Conflict", "the object has been modified"));
        ReleaseLease l = new ReleaseLease(client, "shop", "web", "op-1", "deploy of web by alice", Clock.systemUTC());
        l.acquire(Duration.ZERO, ProgressListener.NONE);
        l.close();
        assertThat(api.count("PUT " + LEASE))
                .as("the give-back with the version written only")
                .isEqualTo(1);
        assertThat(api.count("GET " + LEASE))
                .as("the take's read, then the read after the conflict")
                .isEqualTo(2);
    }
}
