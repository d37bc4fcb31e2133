package io.jenkins.plugins.kubernetesdelivery.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    static String event(String ua, String verb, String resource, String uri, String at) {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete",\
                "requestURI":"%s","verb":"%s","user":{"username":"testenv-admin"},"userAgent":"%s",\
                "objectRef":{"resource":"%s","namespace":"ns1","name":"web","apiVersion":"v1"},\
                "responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"%s",\
                "stageTimestamp":"%s"}""".formatted(uri, verb, ua, resource, at, at);
    }

    @Test
    void groupsTheRequestsOfOneUserAgentByVerbAndResource(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("audit.log");
        Files.write(
                log,
                List.of(
                        event(
                                "bench/op-1",
                                "get",
                                "services",
                                "/api/v1/namespaces/ns1/services/web",
                                "2026-12-01T01:00:00.100000Z"),
                        event(
                                "bench/op-1",
                                "patch",
                                "services",
                                "/api/v1/namespaces/ns1/services/web",
                                "2026-12-01T01:00:00.200000Z"),
                        event(
                                "bench/op-1",
                                "patch",
                                "services",
                                "/api/v1/namespaces/ns1/services/web?dryRun=All",
                                "2026-12-01T01:00:00.300000Z"),
                        event(
                                "bench/op-1",
                                "watch",
                                "endpointslices",
                                "/apis/discovery.k8s.io/v1/endpointslices?watch=true",
                                "2026-12-01T01:00:00.400000Z"),
                        event(
                                "kube-controller-manager/v1.36.3",
                                "update",
                                "endpointslices",
                                "/x",
                                "2026-12-01T01:00:00.500000Z"),
                        "{\"kind\":\"Event\",\"verb\":\"get\",\"requestURI\":\"/metrics\",\"userAgent\":\"bench/op-1\","
                                + "\"requestReceivedTimestamp\":\"2026-12-01T01:00:00.600000Z\"}",
                        ""));
        AuditLog audit = new AuditLog(log);

        List<AuditLog.Request> op = audit.byUserAgent("bench/op-1");

        assertThat(AuditLog.byVerbAndResource(op))
                .containsExactly(
                        java.util.Map.entry("get services", 1), java.util.Map.entry("patch services", 1),
                        java.util.Map.entry("patch services (dry run)", 1),
                                java.util.Map.entry("watch endpointslices", 1));
        AuditLog.Totals t = AuditLog.Totals.of(op);
        assertThat(t).isEqualTo(new AuditLog.Totals(4, 1, 1, 1));
        assertThat(t.beyondWatches()).isEqualTo(3);
        assertThat(audit.between(Instant.parse("2026-12-01T01:00:00.250Z"), Instant.parse("2026-12-01T01:00:00.450Z")))
                .extracting(AuditLog.Request::key)
                .containsExactly("patch services (dry run)", "watch endpointslices");
        assertThat(AuditLog.summary(op)).startsWith("4 requests (1 mutating, 1 watches, 1 dry runs)");
    }
}
