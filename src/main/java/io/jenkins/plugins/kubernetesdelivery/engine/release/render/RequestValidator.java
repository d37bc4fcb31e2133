package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.RollbackRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local checks of a {@link ReleaseRequest} and a {@link RollbackRequest}: each problem names the input and the
 * rule.
 */
public final class RequestValidator {

    static final int MAX_KEEP = 50;
    /** Inputs echoed in problems are cut to this length. */
    static final int MAX_ECHO = 100;
    /** The release number used for the dry render: the longest suffix names can get in practice. */
    static final int DRY_RUN_NUMBER = 99_999;

    private RequestValidator() {}

    /** Every problem of a deploy request found without the cluster; see {@link ReleaseRequest#validate()}. */
    public static List<String> validate(ReleaseRequest r) {
        List<String> problems = new ArrayList<>();
        checkApp(r.app(), problems);
        KubernetesNames.checkDns1123Label(r.namespace())
                .ifPresent(p -> problems.add("namespace " + quoted(r.namespace()) + " " + p));
        if (r.manifests().isEmpty() && r.simple() == null) {
            problems.add("manifests: give manifest files, or a port and replicas to generate them");
        }
        if (r.manifests().isEmpty() && r.simple() != null) {
            if (r.images().size() != 1 || r.images().get(0).contains("=")) {
                problems.add("image: generated manifests need exactly one image reference (has "
                        + r.images().size() + ")");
            }
            if (r.simple().port() < 1 || r.simple().port() > 65535) {
                problems.add("port " + r.simple().port() + " must be between 1 and 65535");
            }
            if (r.simple().replicas() < 1) {
                problems.add("replicas " + r.simple().replicas() + " must be at least 1");
            }
        }
        if (r.schemaVersion() != null) {
            KubernetesNames.checkLabelValue(r.schemaVersion())
                    .ifPresent(p -> problems.add("schemaVersion " + quoted(r.schemaVersion()) + " " + p));
        }
        if (r.gitCommit() != null && !r.gitCommit().matches("[0-9a-fA-F]{7,64}")) {
            problems.add("gitCommit " + quoted(r.gitCommit()) + " must be 7 to 64 hexadecimal digits");
        }
        if (r.buildUrl() != null && !isHttpUrl(r.buildUrl())) {
            problems.add("buildUrl " + quoted(r.buildUrl()) + " must be an http(s) URL");
        }
        checkText("approver", r.approver(), problems);
        checkText("actor", r.actor(), problems);
        if (r.keep() < 2 || r.keep() > MAX_KEEP) {
            problems.add(
                    "keep " + r.keep() + " must be between 2 (the live release and the one before) and " + MAX_KEEP);
        }
        if (r.rolloutTimeout().isNegative() || r.rolloutTimeout().isZero()) {
            problems.add("rolloutTimeout must be positive (is " + r.rolloutTimeout() + ")");
        }
        if (r.lockTimeout().isNegative()) {
            problems.add("lockTimeout must not be negative (is " + r.lockTimeout() + ")");
        }
        if (r.verification() != null) {
            ImageRef.check(r.verification().image())
                    .ifPresent(p -> problems.add(
                            "verification image " + quoted(r.verification().image()) + " " + p));
            if (r.verification().command().isEmpty()) {
                problems.add("verification command must not be empty");
            }
            r.verification().podLabels().forEach((k, v) -> {
                KubernetesNames.checkQualifiedName(k)
                        .ifPresent(p -> problems.add("verification label key " + quoted(k) + " " + p));
                KubernetesNames.checkLabelValue(v)
                        .ifPresent(p -> problems.add("verification label value " + quoted(v) + " " + p));
            });
        }
        if (problems.stream().noneMatch(p -> p.startsWith("app ") || p.startsWith("namespace "))) {
            ReleaseRenderer.render(r, DRY_RUN_NUMBER, Instant.EPOCH, problems);
            String job = r.app() + "-v" + DRY_RUN_NUMBER + "-verify";
            if (r.verification() != null && job.length() > KubernetesNames.LABEL_MAX) {
                problems.add("app " + quoted(r.app()) + " must be at most "
                        + (KubernetesNames.LABEL_MAX - job.length() + r.app().length())
                        + " characters with a verification, so that the Job name"
                        + " <app>-v<N>-verify stays within " + KubernetesNames.LABEL_MAX + " characters");
            }
        }
        return problems;
    }

    /** Every problem of a rollback request found without the cluster; see {@link RollbackRequest#validate()}. */
    public static List<String> validate(RollbackRequest r) {
        List<String> problems = new ArrayList<>();
        checkApp(r.app(), problems);
        KubernetesNames.checkDns1123Label(r.namespace())
                .ifPresent(p -> problems.add("namespace " + quoted(r.namespace()) + " " + p));
        checkTarget(r.target()).ifPresent(problems::add);
        checkText("actor", r.actor(), problems);
        if (r.timeout().isNegative() || r.timeout().isZero()) {
            problems.add("timeout must be positive (is " + r.timeout() + ")");
        }
        if (r.lockTimeout().isNegative()) {
            problems.add("lockTimeout must not be negative (is " + r.lockTimeout() + ")");
        }
        return problems;
    }

    /** The problem with a rollback target, or empty for previous, {@code v<N>}, a git commit or an image digest. */
    public static Optional<String> checkTarget(String target) {
        if (target == null || target.isBlank()) {
            return Optional.of(RollbackRequest.BLANK_TARGET + ": give previous, v<N>, a git commit or an image"
                    + " digest (sha256:…), or leave it out for previous");
        }
        if ("previous".equals(target)
                || ReleaseMetadata.number(target) > 0
                || ImageRef.isDigest(target)
                || target.matches("[0-9a-fA-F]{7,40}")) {
            return Optional.empty();
        }
        return Optional.of("target " + quoted(target) + " is not 'previous', v<N>, a git commit or an image digest"
                + " (sha256:…)");
    }

    /** Adds the problems of an app name: a DNS-1123 label short enough for its history ConfigMap's name. */
    public static void checkApp(String app, List<String> problems) {
        KubernetesNames.checkDns1123Label(app).ifPresent(p -> problems.add("app " + quoted(app) + " " + p));
        if (app != null && app.length() > KubernetesNames.LABEL_MAX - "-releases".length()) {
            problems.add("app " + quoted(app) + " must be at most " + (KubernetesNames.LABEL_MAX - "-releases".length())
                    + " characters, so that its history ConfigMap name '"
                    + Strings.printable(app, MAX_ECHO) + "-releases' stays a label");
        }
    }

    /**
     * An input echoed in a problem: quoted, on one line, at most {@value #MAX_ECHO} characters (the problem goes to the
     * console; an input with a newline or an escape sequence must not forge a line there).
     */
    static String quoted(String value) {
        return "'" + Strings.printable(String.valueOf(value), MAX_ECHO) + "'";
    }

    private static void checkText(String field, String value, List<String> problems) {
        if (value != null && (value.length() > 253 || value.chars().anyMatch(Character::isISOControl))) {
            problems.add(field + " must be at most 253 characters without control characters");
        }
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
