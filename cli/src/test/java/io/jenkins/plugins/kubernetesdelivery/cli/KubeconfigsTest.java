package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the user's kubeconfig as kubectl does, and its credential plugins under kubectl's policy. */
class KubeconfigsTest {

    @TempDir
    Path tmp;

    final Map<String, String> env = new HashMap<>();
    final List<String> notes = new ArrayList<>();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CliContext ctx() {
        env.putIfAbsent("PATH", "/usr/bin:/bin");
        return new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(env), false, false, tmp,
                tmp.resolve("home"), Clock.systemUTC(), c -> null);
    }

    static String kubeconfig(String current, String contexts, String users) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: a
                  cluster: {server: "https://127.0.0.1:1"}
                - name: b
                  cluster: {server: "https://127.0.0.1:2", insecure-skip-tls-verify: true}
                contexts:
                %s
                users:
                %s
                """.formatted(contexts, users) + (current == null ? "" : "current-context: " + current + "\n");
    }

    Kubeconfigs.Connection connect(ClusterOptions o) {
        return Kubeconfigs.connect(ctx(), o, notes::add);
    }

    Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void kubeconfigFilesMergeAsKubectlMergesThem() throws Exception {
        Path one = write("one", kubeconfig("ctx-b", "- {name: ctx-b, context: {cluster: b, user: u, namespace: shop}}",
                "- {name: u, user: {token: first}}"));
        Path two = write("two", kubeconfig("ctx-a", "- {name: ctx-a, context: {cluster: a, user: u}}",
                "- {name: u, user: {token: second}}"));
        env.put("KUBECONFIG", one + ":" + tmp.resolve("missing") + ":" + two);

        Kubeconfigs.Connection c = connect(new ClusterOptions());
        assertThat(c.context()).as("the first current-context wins").isEqualTo("ctx-b");
        assertThat(c.namespace()).isEqualTo("shop");
        assertThat(c.config().getMasterUrl()).isEqualTo("https://127.0.0.1:2/");
        assertThat(c.config().isTrustCerts()).isTrue();
        assertThat(c.config().getOauthToken()).as("the first user named u wins").isEqualTo("first");

        ClusterOptions o = new ClusterOptions();
        o.context = "ctx-a";
        o.namespace = "other";
        Kubeconfigs.Connection a = connect(o);
        assertThat(a.config().getMasterUrl()).isEqualTo("https://127.0.0.1:1/");
        assertThat(a.namespace()).isEqualTo("other");
        o.namespace = null;
        assertThat(connect(o).namespace()).as("kubectl's default").isEqualTo("default");
    }

    @Test
    void asImpersonatesAndAsGroupNeedsAs() throws Exception {
        env.put("KUBECONFIG", write("k", kubeconfig("c", "- {name: c, context: {cluster: a, user: u}}",
                "- {name: u, user: {token: t}}")).toString());
        ClusterOptions o = new ClusterOptions();
        o.asGroups.add("admins");
        assertThatThrownBy(() -> connect(o)).hasMessageContaining("--as-group needs --as");
        o.as = "alice";
        Config config = connect(o).config();
        assertThat(config.getImpersonateUsername()).isEqualTo("alice");
        assertThat(config.getImpersonateGroups()).containsExactly("admins");
    }

    @Test
    void tokenFilesAndCertificatePathsAreRelativeToTheKubeconfig() throws Exception {
        write("dir/token", "from-file\n");
        env.put("KUBECONFIG", write("dir/config", kubeconfig("c", "- {name: c, context: {cluster: a, user: u}}",
                "- {name: u, user: {tokenFile: token}}")).toString());
        assertThat(connect(new ClusterOptions()).config().getOauthToken()).isEqualTo("from-file");
    }

    @Test
    void gcpAndAzureAuthProvidersAreRefusedAsKubectlRefusesThem() throws Exception {
        env.put("KUBECONFIG", write("k", kubeconfig("c", "- {name: c, context: {cluster: a, user: g}}",
                "- {name: g, user: {auth-provider: {name: gcp, config: {cmd-path: /bin/touch, cmd-args: "
                        + tmp.resolve("ran") + "}}}}")).toString());
        assertThatThrownBy(() -> connect(new ClusterOptions())).isInstanceOf(DeliveryException.class)
                .hasMessage("kubeconfig user 'g' uses the auth-provider 'gcp', which kubectl no longer supports (since"
                        + " 1.26); use an exec credential plugin instead (for example gke-gcloud-auth-plugin or"
                        + " kubelogin)");
        assertThat(tmp.resolve("ran")).doesNotExist();
    }

    Path plugin(String name, String token) throws Exception {
        Path p = write("bin/" + name, "#!/bin/sh\ntouch \"$0.ran\"\necho \"$KUBERNETES_EXEC_INFO\" > \"$0.info\"\n"
                + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"" + token + "\"}}'\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    void execKubeconfig(String command) throws Exception {
        env.put("KUBECONFIG", write("kube/config", kubeconfig("c", "- {name: c, context: {cluster: a, user: e}}",
                "- {name: e, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: '" + command
                        + "', args: ['$(touch " + tmp.resolve("shell") + ")'], interactiveMode: Never}}}")).toString());
    }

    @Test
    void anExecPluginRunsWithoutAShellAndSaysSo() throws Exception {
        Path p = plugin("get-token", "from-plugin");
        env.put("PATH", p.getParent() + ":/usr/bin:/bin");
        execKubeconfig("get-token");

        Config config = connect(new ClusterOptions()).config();

        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("from-plugin");
        assertThat(notes).containsExactly("kubeconfig user 'e' gets its credentials from " + p
                + " (exec credential plugin)");
        assertThat(Files.readString(Path.of(p + ".info"))).contains("\"kind\":\"ExecCredential\"",
                "\"interactive\":false");
        assertThat(tmp.resolve("shell")).as("the argument was not run by a shell").doesNotExist();
    }

    @Test
    void aRelativeCommandPathIsRelativeToTheKubeconfig() throws Exception {
        Path p = plugin("login", "relative");
        execKubeconfig("../bin/login");
        assertThat(connect(new ClusterOptions()).config().getOauthTokenProvider().getToken()).isEqualTo("relative");
        assertThat(Path.of(p + ".ran")).exists();
    }

    @Test
    void kubercDenyAllRefusesThePluginBeforeItRuns() throws Exception {
        Path p = plugin("get-token", "x");
        execKubeconfig(p.toString());
        env.put("KUBERC", write("kuberc", "apiVersion: kubectl.config.k8s.io/v1beta1\nkind: Preference\n"
                + "credentialPluginPolicy: DenyAll\n").toString());
        assertThatThrownBy(() -> connect(new ClusterOptions())).isInstanceOf(DeliveryException.class)
                .hasMessage("kubeconfig user 'e' runs " + p + " (exec credential plugin), which the"
                        + " credentialPluginPolicy of " + tmp.resolve("kuberc") + " does not allow (DenyAll)");
        assertThat(Path.of(p + ".ran")).doesNotExist();

        env.put("KUBECTL_KUBERC", "false");
        assertThat(connect(new ClusterOptions()).config().getOauthTokenProvider().getToken()).isEqualTo("x");
    }

    @Test
    void kubercAllowlistTakesFullPathsAndNamesOnPath() throws Exception {
        Path p = plugin("get-token", "allowed");
        env.put("PATH", p.getParent() + ":/usr/bin:/bin");
        execKubeconfig("get-token");
        Path kuberc = write("home/.kube/kuberc", "apiVersion: kubectl.config.k8s.io/v1beta1\nkind: Preference\n"
                + "credentialPluginPolicy: Allowlist\ncredentialPluginAllowlist:\n- name: /usr/bin/other\n");
        assertThatThrownBy(() -> connect(new ClusterOptions())).hasMessageContaining("does not list in"
                + " credentialPluginAllowlist");
        assertThat(Path.of(p + ".ran")).doesNotExist();

        Files.writeString(kuberc, Files.readString(kuberc) + "- name: get-token\n");
        assertThat(connect(new ClusterOptions()).config().getOauthTokenProvider().getToken()).isEqualTo("allowed");
        Files.writeString(kuberc, Files.readString(kuberc).replace("- name: get-token\n", "- name: " + p + "\n"));
        assertThat(connect(new ClusterOptions()).config().getOauthTokenProvider().getToken()).isEqualTo("allowed");
    }

    @Test
    void aPluginThatFailsOrIsMissingIsOneClearMessage() throws Exception {
        execKubeconfig("no-such-plugin");
        assertThatThrownBy(() -> connect(new ClusterOptions())).hasMessage("kubeconfig user 'e' gets its credentials"
                + " from 'no-such-plugin' (exec), which is not on PATH");
        Path bad = write("bin/bad", "#!/bin/sh\necho 'secret-token-in-output'\nexit 0\n");
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rwxr-xr-x"));
        execKubeconfig(bad.toString());
        assertThatThrownBy(() -> connect(new ClusterOptions())).hasMessageEndingWith("did not print an ExecCredential")
                .hasMessageNotContaining("secret-token-in-output");
    }
}
