package io.jenkins.plugins.kubernetesdelivery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code exec} credential plugin of the user's kubeconfig, run as kubectl runs it: the program directly with its
 * arguments (never through a shell, unlike fabric8's own runner), a relative command path resolved against the
 * kubeconfig's folder, a bare name looked up on {@code PATH}, {@code KUBERNETES_EXEC_INFO} set, stdin only for an
 * interactive plugin on a terminal, its stderr passed through, its {@code ExecCredential} read from stdout.
 *
 * <p>Which plugins may run follows kubectl's credential plugin policy (kubectl 1.35, beta): {@code
 * credentialPluginPolicy} in the kuberc file ({@code $KUBERC}, else {@code ~/.kube/kuberc}; {@code
 * KUBECTL_KUBERC=false} ignores it): {@code AllowAll} (the default, as in kubectl), {@code DenyAll}, or {@code
 * Allowlist} with {@code credentialPluginAllowlist} entries whose {@code name} is a full path or a name looked up on
 * {@code PATH}. The command says on stderr which program it runs (never silently).
 */
final class CredentialPlugin {

    /** What the plugin returned: a bearer token, or a client certificate and key (PEM); when it expires. */
    record Credential(String token, String clientCertificateData, String clientKeyData, Instant expiry) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String user;
    private final ExecConfig exec;
    private final Path kubeconfig;
    private final Cluster cluster;
    private final CliContext ctx;
    private final Path command;

    CredentialPlugin(String user, ExecConfig exec, Path kubeconfig, Cluster cluster, CliContext ctx) {
        this.user = user;
        this.exec = exec;
        this.kubeconfig = kubeconfig;
        this.cluster = cluster;
        this.ctx = ctx;
        if (exec.getCommand() == null || exec.getCommand().isBlank()) {
            throw new DeliveryException("kubeconfig user '" + user + "' has an exec credential plugin without a"
                    + " command");
        }
        this.command = resolve(exec.getCommand());
    }

    /** The program that runs, as a full path. */
    Path command() {
        return command;
    }

    private Path resolve(String cmd) {
        if (cmd.contains("/")) {
            return Path.of(Kubeconfigs.relativeTo(kubeconfig, cmd));
        }
        Path found = lookPath(cmd);
        if (found == null) {
            throw new DeliveryException("kubeconfig user '" + user + "' gets its credentials from '" + cmd
                    + "' (exec), which is not on PATH" + (exec.getInstallHint() == null ? ""
                    : ": " + exec.getInstallHint().strip().replaceAll("\\s*\\R\\s*", " ")));
        }
        return found;
    }

    private Path lookPath(String name) {
        String path = ctx.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** Refuses a plugin that the kuberc's credential plugin policy does not allow. */
    void checkPolicy() {
        Path kuberc = kuberc();
        if (kuberc == null) {
            return;
        }
        Map<?, ?> prefs;
        try {
            Object loaded = new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromString(Files.readString(kuberc, StandardCharsets.UTF_8));
            prefs = loaded instanceof Map<?, ?> m ? m : Map.of();
        } catch (IOException | RuntimeException e) {
            throw new DeliveryException("the kuberc " + kuberc + " cannot be read as YAML; fix it, or set"
                    + " KUBECTL_KUBERC=false to ignore it");
        }
        Object policy = prefs.get("credentialPluginPolicy");
        String p = policy == null ? "" : policy.toString();
        String refusal = "kubeconfig user '" + user + "' runs " + command + " (exec credential plugin), which the"
                + " credentialPluginPolicy of " + kuberc;
        switch (p) {
            case "", "AllowAll" -> { }
            case "DenyAll" -> throw new DeliveryException(refusal + " does not allow (DenyAll)");
            case "Allowlist" -> {
                if (!allowlisted(prefs.get("credentialPluginAllowlist"))) {
                    throw new DeliveryException(refusal + " does not list in credentialPluginAllowlist");
                }
            }
            default -> throw new DeliveryException("the kuberc " + kuberc + " has credentialPluginPolicy '" + p
                    + "'; kubectl knows AllowAll, DenyAll and Allowlist");
        }
    }

    private boolean allowlisted(Object list) {
        if (!(list instanceof List<?> entries)) {
            return false;
        }
        for (Object e : entries) {
            Object name = e instanceof Map<?, ?> m ? m.get("name") : null;
            if (name == null || name.toString().isBlank()) {
                continue;
            }
            String n = name.toString();
            Path allowed = n.startsWith("/") ? Path.of(n).normalize() : lookPath(n);
            if (command.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private Path kuberc() {
        if ("false".equalsIgnoreCase(ctx.getenv("KUBECTL_KUBERC"))) {
            return null;
        }
        String env = ctx.getenv("KUBERC");
        Path p = env != null ? ctx.resolve(Path.of(env)) : ctx.home().resolve(".kube/kuberc");
        return Files.isRegularFile(p) ? p : null;
    }

    /** Runs the plugin once and reads its credential. */
    Credential run() {
        String mode = exec.getInteractiveMode() == null ? "IfAvailable" : exec.getInteractiveMode();
        boolean interactive = !"Never".equals(mode) && ctx.stdinTerminal();
        if ("Always".equals(mode) && !interactive) {
            throw new DeliveryException("kubeconfig user '" + user + "' runs " + command + ", which needs a terminal"
                    + " (interactiveMode: Always); run the command in one");
        }
        List<String> argv = new ArrayList<>();
        argv.add(command.toString());
        if (exec.getArgs() != null) {
            argv.addAll(exec.getArgs());
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(ctx.env());
        if (exec.getEnv() != null) {
            for (ExecEnvVar v : exec.getEnv()) {
                pb.environment().put(v.getName(), v.getValue() == null ? "" : v.getValue());
            }
        }
        pb.environment().put("KUBERNETES_EXEC_INFO", execInfo(interactive));
        pb.redirectInput(interactive ? ProcessBuilder.Redirect.INHERIT
                : ProcessBuilder.Redirect.from(new File("/dev/null")));
        String what = command + " (the exec credential plugin of kubeconfig user '" + user + "')";
        String out;
        int code;
        try {
            Process p = pb.start();
            Thread errors = new Thread(() -> copy(p.getErrorStream()), "credential plugin stderr");
            errors.setDaemon(true);
            errors.start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            code = p.waitFor();
            errors.join(1000);
        } catch (IOException e) {
            throw new DeliveryException("cannot run " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while " + what + " ran");
        }
        if (code != 0) {
            throw new DeliveryException(what + " exited with code " + code + "; see its messages above");
        }
        return parse(out, what);
    }

    private void copy(InputStream in) {
        try {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                ctx.err().write(buf, 0, n);
                ctx.err().flush();
            }
        } catch (IOException e) {
            // the plugin closed its stderr
        }
    }

    private String execInfo(boolean interactive) {
        ObjectNode info = JSON.createObjectNode().put("apiVersion", exec.getApiVersion()).put("kind", "ExecCredential");
        ObjectNode spec = info.putObject("spec").put("interactive", interactive);
        if (Boolean.TRUE.equals(exec.getProvideClusterInfo())) {
            ObjectNode c = spec.putObject("cluster").put("server", cluster.getServer());
            if (cluster.getCertificateAuthorityData() != null) {
                c.put("certificate-authority-data", cluster.getCertificateAuthorityData());
            }
            if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
                c.put("insecure-skip-tls-verify", true);
            }
        }
        return info.toString();
    }

    private Credential parse(String out, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(out);
        } catch (IOException e) {
            root = null;
        }
        // never quote the output: it holds the credential
        if (root == null || !"ExecCredential".equals(root.path("kind").asText())) {
            throw new DeliveryException(what + " did not print an ExecCredential");
        }
        if (exec.getApiVersion() != null && !exec.getApiVersion().equals(root.path("apiVersion").asText())) {
            throw new DeliveryException(what + " answered with apiVersion '" + root.path("apiVersion").asText()
                    + "', not the '" + exec.getApiVersion() + "' the kubeconfig asks for");
        }
        JsonNode status = root.path("status");
        String token = text(status, "token");
        String cert = text(status, "clientCertificateData");
        String key = text(status, "clientKeyData");
        if (token == null && (cert == null || key == null)) {
            throw new DeliveryException(what + " returned neither a token nor a client certificate and key");
        }
        Instant expiry = null;
        if (text(status, "expirationTimestamp") != null) {
            try {
                expiry = Instant.parse(text(status, "expirationTimestamp"));
            } catch (RuntimeException e) {
                expiry = null;
            }
        }
        return new Credential(token, cert, key, expiry);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /** The plugin's token for each request, run again once it has expired (10 s early). */
    OAuthTokenProvider tokenProvider(Credential first) {
        return new OAuthTokenProvider() {
            private Credential current = first;

            @Override
            public synchronized String getToken() {
                if (current.expiry() != null && Instant.now().plusSeconds(10).isAfter(current.expiry())) {
                    current = run();
                }
                return current.token();
            }
        };
    }
}
