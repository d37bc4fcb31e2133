package io.jenkins.plugins.kubernetesdelivery.cli;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's kubeconfig, read as kubectl reads it, turned into a fabric8 {@link Config}: {@code --kubeconfig FILE},
 * else every file of {@code $KUBECONFIG} merged (the first file to name a cluster, user or context or to set the
 * current-context wins; missing files are skipped), else {@code ~/.kube/config}. Paths in a file are relative to it.
 * Only the selected context's cluster and user are used. Nothing else of the environment is read (no
 * {@code KUBERNETES_*} variables, no system properties), unlike fabric8's own auto-configuration.
 *
 * <p>Credentials: a token or token file, a client certificate and key (data or files), a user name and password, an
 * {@code exec} credential plugin (run by {@link CredentialPlugin} under kubectl's plugin policy), or the {@code oidc}
 * auth-provider's id-token. Other auth-providers ({@code gcp}, {@code azure}) are refused, as kubectl refuses them
 * since 1.26: fabric8 would run the {@code gcp} provider's {@code cmd-path}.
 */
final class Kubeconfigs {

    /** A cluster connection: the client configuration, the namespace to use and what it came from. */
    record Connection(Config config, String namespace, String context, String user) {}

    private record Origin<T>(T entry, Path file) {}

    private Kubeconfigs() {}

    static Connection connect(CliContext ctx, ClusterOptions o, ProgressListener notes) {
        List<Path> files = files(ctx, o);
        Map<String, Origin<Context>> contexts = new LinkedHashMap<>();
        Map<String, Origin<Cluster>> clusters = new LinkedHashMap<>();
        Map<String, Origin<AuthInfo>> users = new LinkedHashMap<>();
        String current = null;
        for (Path f : files) {
            io.fabric8.kubernetes.api.model.Config kc = parse(f);
            if (kc == null) {
                continue;
            }
            for (NamedContext c : nullSafe(kc.getContexts())) {
                contexts.putIfAbsent(c.getName(), new Origin<>(c.getContext(), f));
            }
            for (NamedCluster c : nullSafe(kc.getClusters())) {
                clusters.putIfAbsent(c.getName(), new Origin<>(c.getCluster(), f));
            }
            for (NamedAuthInfo u : nullSafe(kc.getUsers())) {
                users.putIfAbsent(u.getName(), new Origin<>(u.getUser(), f));
            }
            if (current == null && kc.getCurrentContext() != null && !kc.getCurrentContext().isEmpty()) {
                current = kc.getCurrentContext();
            }
        }
        String name = o.context != null ? o.context : current;
        String where = describe(files);
        if (name == null) {
            throw new DeliveryException(where + " has no current-context; name one with --context (it has: "
                    + String.join(", ", contexts.keySet()) + ")");
        }
        Origin<Context> context = contexts.get(name);
        if (context == null || context.entry() == null) {
            throw new DeliveryException(where + " has no context '" + name + "' (it has: "
                    + String.join(", ", contexts.keySet()) + ")");
        }
        Context c = context.entry();
        Origin<Cluster> cluster = clusters.get(c.getCluster());
        if (cluster == null || cluster.entry() == null || cluster.entry().getServer() == null) {
            throw new DeliveryException("context '" + name + "' names cluster '" + c.getCluster() + "', which "
                    + where + " does not define (with a server)");
        }
        Origin<AuthInfo> user = c.getUser() == null ? null : users.get(c.getUser());
        if (c.getUser() != null && user == null) {
            throw new DeliveryException("context '" + name + "' names user '" + c.getUser() + "', which " + where
                    + " does not define");
        }
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.entry().getServer());
        cluster(b, cluster);
        if (user != null && user.entry() != null) {
            user(b, c.getUser(), user, cluster.entry(), ctx, notes);
        }
        if (o.as != null) {
            b.withImpersonateUsername(o.as);
        }
        if (!o.asGroups.isEmpty()) {
            if (o.as == null) {
                throw new DeliveryException("--as-group needs --as (a user to impersonate), as in kubectl");
            }
            b.withImpersonateGroups(o.asGroups.toArray(String[]::new));
        }
        String namespace = o.namespace != null ? o.namespace
                : c.getNamespace() != null && !c.getNamespace().isEmpty() ? c.getNamespace() : "default";
        // as the engine's ClusterConfigs: a few quick retries, an unreachable server fails within seconds
        Config config = b.withNamespace(namespace).withConnectionTimeout(10_000).withRequestTimeout(30_000)
                .withRequestRetryBackoffLimit(3).withRequestRetryBackoffInterval(200).build();
        return new Connection(config, namespace, name, c.getUser());
    }

    /** The kubeconfig files to read, in order; fails when there is none. */
    static List<Path> files(CliContext ctx, ClusterOptions o) {
        if (o.kubeconfig != null) {
            Path p = ctx.resolve(o.kubeconfig);
            if (!Files.isRegularFile(p)) {
                throw new DeliveryException("the kubeconfig " + p + " given with --kubeconfig does not exist");
            }
            return List.of(p);
        }
        List<Path> found = new ArrayList<>();
        String env = ctx.getenv("KUBECONFIG");
        if (env != null) {
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank() && Files.isRegularFile(ctx.resolve(Path.of(part)))) {
                    found.add(ctx.resolve(Path.of(part)));
                }
            }
            if (found.isEmpty()) {
                throw new DeliveryException("none of the files in KUBECONFIG (" + env + ") exists");
            }
            return found;
        }
        Path home = ctx.home().resolve(".kube/config");
        if (!Files.isRegularFile(home)) {
            throw new DeliveryException("no kubeconfig: " + home + " does not exist and KUBECONFIG is not set;"
                    + " give one with --kubeconfig FILE (testenv/up prints its path)");
        }
        return List.of(home);
    }

    private static io.fabric8.kubernetes.api.model.Config parse(Path f) {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeliveryException("cannot read the kubeconfig " + f + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            return null;
        }
        try {
            return KubeConfigUtils.parseConfigFromString(text);
        } catch (RuntimeException e) {
            // never quote the parser's message: it can hold a line of the file, credentials included
            throw new DeliveryException("the kubeconfig " + f + " cannot be read as a kubeconfig (YAML with"
                    + " clusters, users and contexts)");
        }
    }

    private static void cluster(ConfigBuilder b, Origin<Cluster> origin) {
        Cluster c = origin.entry();
        if (c.getCertificateAuthorityData() != null) {
            b.withCaCertData(c.getCertificateAuthorityData());
        } else if (c.getCertificateAuthority() != null) {
            b.withCaCertFile(relativeTo(origin.file(), c.getCertificateAuthority()));
        }
        if (Boolean.TRUE.equals(c.getInsecureSkipTlsVerify())) {
            b.withTrustCerts(true).withDisableHostnameVerification(true);
        }
    }

    private static void user(ConfigBuilder b, String name, Origin<AuthInfo> origin, Cluster cluster, CliContext ctx,
            ProgressListener notes) {
        AuthInfo u = origin.entry();
        String certFile = u.getClientCertificate() == null ? null : relativeTo(origin.file(), u.getClientCertificate());
        String keyFile = u.getClientKey() == null ? null : relativeTo(origin.file(), u.getClientKey());
        if (u.getClientCertificateData() != null || certFile != null) {
            b.withClientCertData(u.getClientCertificateData()).withClientCertFile(certFile)
                    .withClientKeyData(u.getClientKeyData()).withClientKeyFile(keyFile)
                    .withClientKeyAlgo(Config.getKeyAlgorithm(keyFile, u.getClientKeyData()));
        }
        if (u.getUsername() != null) {
            b.withUsername(u.getUsername()).withPassword(u.getPassword());
        }
        if (u.getAs() != null) {
            b.withImpersonateUsername(u.getAs());
        }
        if (u.getAsGroups() != null && !u.getAsGroups().isEmpty()) {
            b.withImpersonateGroups(u.getAsGroups().toArray(String[]::new));
        }
        if (u.getToken() != null) {
            b.withOauthToken(u.getToken());
        } else if (u.getTokenFile() != null) {
            Path f = Path.of(relativeTo(origin.file(), u.getTokenFile()));
            try {
                b.withOauthToken(Files.readString(f, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new DeliveryException("kubeconfig user '" + name + "' reads its token from " + f
                        + ", which cannot be read: " + e.getMessage());
            }
        } else if (u.getAuthProvider() != null) {
            String provider = u.getAuthProvider().getName();
            Map<String, String> cfg = u.getAuthProvider().getConfig() == null ? Map.of()
                    : u.getAuthProvider().getConfig();
            if (!"oidc".equals(provider) || cfg.get("id-token") == null) {
                throw new DeliveryException("kubeconfig user '" + name + "' uses the auth-provider '" + provider
                        + "', which kubectl no longer supports (since 1.26); use an exec credential plugin instead"
                        + " (for example gke-gcloud-auth-plugin or kubelogin)");
            }
            // no refresh here: an expired id-token fails with 401; kubectl refreshes it, or use kubelogin (exec)
            b.withOauthToken(cfg.get("id-token"));
        } else if (u.getExec() != null) {
            CredentialPlugin plugin = new CredentialPlugin(name, u.getExec(), origin.file(), cluster, ctx);
            plugin.checkPolicy();
            notes.line("kubeconfig user '" + name + "' gets its credentials from " + plugin.command()
                    + " (exec credential plugin)");
            CredentialPlugin.Credential first = plugin.run();
            if (first.token() != null) {
                b.withOauthTokenProvider(plugin.tokenProvider(first));
            } else {
                String key = base64(first.clientKeyData());
                b.withClientCertData(base64(first.clientCertificateData())).withClientKeyData(key)
                        .withClientCertFile(null).withClientKeyFile(null)
                        .withClientKeyAlgo(Config.getKeyAlgorithm(null, key));
            }
        }
    }

    private static String base64(String pem) {
        return java.util.Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    static String relativeTo(Path kubeconfig, String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : kubeconfig.toAbsolutePath().getParent().resolve(p)).normalize().toString();
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? "the kubeconfig " + files.get(0) : "the kubeconfigs " + files;
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }
}
