package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a kubeconfig stored as a Jenkins credential may contain. A kubeconfig can tell a client to run a program
 * ({@code exec}), call an identity provider ({@code auth-provider}) or read files of the machine it runs on
 * ({@code tokenFile}, {@code client-certificate}, {@code client-key}, {@code certificate-authority}); on the Jenkins
 * controller, whoever can store a credential would then run commands or read files there. Only inline data is
 * accepted: a token, {@code client-certificate-data}/{@code client-key-data}, {@code certificate-authority-data},
 * or a user name and password.
 */
public final class KubeconfigPolicy {

    private KubeconfigPolicy() {}

    /**
     * The fields that break the policy, each naming the user or cluster entry, and a context that does not exist;
     * empty when the kubeconfig is fine. The cluster the context uses may not turn TLS verification off.
     *
     * @param context the context to use, or {@code null} for the kubeconfig's current context
     */
    public static List<String> check(String kubeconfig, String context) {
        return check(kubeconfig, context, false);
    }

    /**
     * As {@link #check(String, String)}; {@code insecureAllowed} accepts {@code insecure-skip-tls-verify} on the
     * cluster the context uses, which the connection must then have asked for itself (its skip-TLS setting), as
     * any other credentials must.
     */
    public static List<String> check(String kubeconfig, String context, boolean insecureAllowed) {
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(kubeconfig);
        } catch (RuntimeException e) {
            // the parser's message can quote the offending line, which may hold a secret
            return List.of("the kubeconfig cannot be read as a kubeconfig (YAML with clusters, users and contexts)");
        }
        if (config == null) {
            return List.of("the kubeconfig is empty");
        }
        List<String> problems = new ArrayList<>();
        String wanted = context != null ? context : config.getCurrentContext();
        List<String> contexts = nullSafe(config.getContexts()).stream()
                .map(NamedContext::getName)
                .toList();
        String known =
                quote(String.join(", ", contexts.stream().map(String::valueOf).toList()));
        if (wanted == null || wanted.isBlank()) {
            problems.add("the kubeconfig has no current-context; name the context to use (it has: " + known + ")");
        } else if (!contexts.contains(wanted)) {
            problems.add("the kubeconfig has no context '" + quote(wanted) + "' (it has: " + known + ")");
        } else if (!insecureAllowed) {
            insecureCluster(config, wanted)
                    .ifPresent(
                            name -> problems.add(
                                    "kubeconfig cluster '" + quote(name)
                                            + "' turns TLS verification off (insecure-skip-tls-verify); embed the server's CA as"
                                            + " certificate-authority-data, or turn on Skip TLS verification for this cluster to accept it"));
        }
        for (NamedAuthInfo named : nullSafe(config.getUsers())) {
            AuthInfo u = named.getUser();
            if (u == null) {
                continue;
            }
            String where = "kubeconfig user '" + quote(named.getName()) + "'";
            if (u.getExec() != null) {
                problems.add(where + " runs a program (exec); use a token or an embedded client certificate instead");
            }
            if (u.getAuthProvider() != null) {
                problems.add(where + " uses an auth-provider; use a token or an embedded client certificate instead");
            }
            if (u.getTokenFile() != null) {
                problems.add(where + " reads a token file (tokenFile); put the token in the kubeconfig (token)");
            }
            if (u.getClientCertificate() != null || u.getClientKey() != null) {
                problems.add(where + " reads certificate or key files (client-certificate, client-key); embed them"
                        + " as client-certificate-data and client-key-data");
            }
        }
        for (NamedCluster named : nullSafe(config.getClusters())) {
            Cluster c = named.getCluster();
            if (c != null && c.getCertificateAuthority() != null) {
                problems.add("kubeconfig cluster '" + quote(named.getName()) + "' reads a certificate-authority file;"
                        + " embed it as certificate-authority-data");
            }
        }
        return problems;
    }

    /** The cluster the context uses, when it sets {@code insecure-skip-tls-verify: true}. */
    private static Optional<String> insecureCluster(Config config, String context) {
        String cluster = nullSafe(config.getContexts()).stream()
                .filter(c -> context.equals(c.getName()) && c.getContext() != null)
                .map(c -> c.getContext().getCluster())
                .findFirst()
                .orElse(null);
        return nullSafe(config.getClusters()).stream()
                .filter(c -> c.getName() != null
                        && c.getName().equals(cluster)
                        && c.getCluster() != null
                        && Boolean.TRUE.equals(c.getCluster().getInsecureSkipTlsVerify()))
                .map(NamedCluster::getName)
                .findFirst();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** User text as a message quotes it: one line of at most 200 characters. */
    private static String quote(String s) {
        return Strings.printable(s, 200);
    }
}
