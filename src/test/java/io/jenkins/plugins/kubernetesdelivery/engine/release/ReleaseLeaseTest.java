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

    private static String freeLease(String annotations) {
        return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"web-delivery\","
                + "\"namespace\":\"shop\",\"resourceVersion\":\"7\",\"annotations\":" + annotations + "},"
                + "\"spec\":{\"leaseDurationSeconds\":60}}";
    }

    static final ReleaseHistory.Operation ROLLBACK = new ReleaseHistory.Operation(
            "op-1", ReleaseHistory.Action.ROLLBACK, "v1", "v2", ReleaseHistory.Phase.SWITCHING, "bob", "t");

    private ReleaseLease takeCarrying(String annotations, String planVersion) {
        api.on("GET " + LEASE, raw(200, freeLease(annotations)));
        api.on("PUT " + LEASE, raw(200, lease("{}")));
        ReleaseLease l = new ReleaseLease(client, "shop", "web", "op-1", "rollback of web by bob", Clock.systemUTC());
        l.acquireCarrying(Duration.ZERO, ProgressListener.NONE, ROLLBACK, planVersion);
        return l;
    }

    /** Issue 10: a warm rollback rides on the take only when the last holder left the history at the plan's version. */
    @Test
    void aTakeRecordsTheOperationInFlightWhenTheLeaseNamesThePlansHistoryVersion() {
        ReleaseLease l = takeCarrying("{\"delivery.jenkins.io/history-version\":\"41\"}", "41");
        assertThat(l.carried()).isEqualTo(ROLLBACK);
        assertThat(l.stale()).isNull();
        assertThat(api.bodies.get(api.requests.indexOf("PUT " + LEASE)))
                .contains(ReleaseLease.IN_FLIGHT_ANNOTATION)
                .contains("\\\"release\\\":\\\"v1\\\"");
    }

    @Test
    void aTakeRecordsNothingInFlightWhenTheHistoryMayHaveChanged() {
        ReleaseLease l = takeCarrying("{\"delivery.jenkins.io/history-version\":\"40\"}", "41");
        assertThat(l.carried()).isNull();
        assertThat(api.bodies.get(api.requests.indexOf("PUT " + LEASE)))
                .doesNotContain(ReleaseLease.IN_FLIGHT_ANNOTATION);
    }

    /** A dead operation's record on the Lease is kept by the take, reported as stale, and never replaced. */
    @Test
    void aTakeKeepsAStaleOperationInFlightAndReportsIt() {
        String dead = "{\\\"id\\\":\\\"op-0\\\",\\\"action\\\":\\\"rollback\\\",\\\"release\\\":\\\"v3\\\","
                + "\\\"from\\\":\\\"v2\\\",\\\"phase\\\":\\\"switching\\\"}";
        ReleaseLease l = takeCarrying(
                "{\"delivery.jenkins.io/history-version\":\"41\",\"delivery.jenkins.io/in-flight\":\"" + dead + "\"}",
                "41");
        assertThat(l.carried()).isNull();
        assertThat(l.stale().id()).isEqualTo("op-0");
        assertThat(l.stale().release()).isEqualTo("v3");
        assertThat(api.bodies.get(api.requests.indexOf("PUT " + LEASE)))
                .contains("op-0")
                .doesNotContain("\\\"release\\\":\\\"v1\\\"");
    }

    /** Given back before its outcome is recorded, the operation stays on the Lease (a resume or the next one finds it). */
    @Test
    void theGiveBackKeepsTheOperationInFlightUntilItsOutcomeIsRecorded() {
        // the take's answer: the Lease as written, the operation in flight on it
        String carrying = io.fabric8.kubernetes.client.utils.Serialization.asJson(java.util.Map.of(
                ReleaseLease.IN_FLIGHT_ANNOTATION, io.fabric8.kubernetes.client.utils.Serialization.asJson(ROLLBACK)));
        api.on("GET " + LEASE, raw(200, freeLease("{\"delivery.jenkins.io/history-version\":\"41\"}")));
        api.on("PUT " + LEASE, raw(200, lease(carrying)), raw(200, lease("{}")));
        ReleaseLease l = new ReleaseLease(client, "shop", "web", "op-1", "rollback of web by bob", Clock.systemUTC());
        l.leaving(() -> "41", () -> false);
        l.acquireCarrying(Duration.ZERO, ProgressListener.NONE, ROLLBACK, "41");
        assertThat(l.carried()).isEqualTo(ROLLBACK);
        l.close();
        String giveBack = api.bodies.get(api.requests.lastIndexOf("PUT " + LEASE));
        assertThat(giveBack).contains(ReleaseLease.IN_FLIGHT_ANNOTATION).doesNotContain("history-version");
    }
}
