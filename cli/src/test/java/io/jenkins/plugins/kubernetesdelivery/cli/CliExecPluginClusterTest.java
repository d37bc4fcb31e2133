package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A kubeconfig whose user gets its token from an exec credential plugin, against testenv. */
@Tag("cluster")
class CliExecPluginClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path tmp;

    @Test
    void theTokenOfAnExecPluginReachesTheClusterAndTheActorIsWhomTheServerSees() throws Exception {
        Path plugin = tmp.resolve("testenv-token");
        Files.writeString(plugin, "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + Testenv.file("admin-token") + "\"}}'\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(Testenv.kubeconfig().resolveSibling("ca.crt")));
        Path kubeconfig = tmp.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: testenv
                  cluster: {server: "%s", certificate-authority-data: %s}
                users:
                - name: by-plugin
                  user:
                    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./testenv-token, interactiveMode: Never}
                contexts:
                - name: plugin
                  context: {cluster: testenv, user: by-plugin}
                current-context: plugin
                """.formatted(Testenv.file("server-url"), ca), StandardCharsets.UTF_8);
        Cli cli = new Cli(tmp.resolve("home"));

        Cli.Result r = cli.run("deploy", "web", "-n", ns.name(), "--kubeconfig", kubeconfig.toString(), "--image",
                Manifests.image(1), "-o", "json").succeeded();

        assertThat(r.err()).startsWith("kubeconfig user 'by-plugin' gets its credentials from " + plugin
                + " (exec credential plugin)\n");
        String by = ns.client().configMaps().inNamespace(ns.name()).withName("web-releases").get().getData()
                .get("history.json");
        assertThat(by).contains(" (kubectl delivery)\"").doesNotContain("\"by\" : \"by-plugin (kubectl delivery)\"");
    }
}
