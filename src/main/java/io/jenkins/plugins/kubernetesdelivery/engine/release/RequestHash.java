package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The SHA-256 of everything in a {@link ReleaseRequest} that ends up in the cluster: names, images, manifest files,
 * the generated app's shape, Services, the release's metadata, retention, the verification and the flags. The
 * timeouts are left out (they change how long the engine waits, not what it writes). Each value is written with its
 * length in front, so no two different requests give the same input.
 */
final class RequestHash {

    private final MessageDigest digest;

    private RequestHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String of(ReleaseRequest r) {
        RequestHash h = new RequestHash();
        h.add("app", r.app()).add("namespace", r.namespace()).add("images", r.images());
        h.add("manifests", String.valueOf(r.manifests().size()));
        for (ManifestFile m : r.manifests()) {
            h.add("name", m.name()).add("text", m.text());
        }
        h.add(
                "simple",
                r.simple() == null ? null : r.simple().port() + ":" + r.simple().replicas());
        h.add("services", r.services())
                .add("schemaVersion", r.schemaVersion())
                .add("gitCommit", r.gitCommit())
                .add("buildUrl", r.buildUrl())
                .add("approver", r.approver())
                .add("actor", r.actor())
                .add("keep", String.valueOf(r.keep()));
        Verification v = r.verification();
        h.add("verification", v == null ? null : v.image());
        if (v != null) {
            h.add("command", v.command());
            new TreeMap<>(v.podLabels()).forEach((k, value) -> h.add("label", k).add("value", value));
        }
        h.add("allowTags", String.valueOf(r.allowTags())).add("unpin", String.valueOf(r.unpin()));
        if (r.allowClusterScoped()) {
            // only when set, so that the hashes of requests made before the flag existed stay the same
            h.add("allowClusterScoped", "true");
        }
        return "sha256:" + HexFormat.of().formatHex(h.digest.digest());
    }

    /**
     * The SHA-256 of what a release is made of: app, namespace, images, manifest files, the generated app's shape,
     * Services and schema version. Not who, which build or when: a re-run of a build deploys the same content.
     */
    static String content(ReleaseRequest r) {
        RequestHash h = new RequestHash();
        h.add("app", r.app()).add("namespace", r.namespace()).add("images", r.images());
        h.add("manifests", String.valueOf(r.manifests().size()));
        for (ManifestFile m : r.manifests()) {
            h.add("name", m.name()).add("text", m.text());
        }
        h.add(
                "simple",
                r.simple() == null ? null : r.simple().port() + ":" + r.simple().replicas());
        h.add("services", r.services()).add("schemaVersion", r.schemaVersion());
        return "sha256:" + HexFormat.of().formatHex(h.digest.digest());
    }

    private RequestHash add(String field, List<String> values) {
        add(field, String.valueOf(values.size()));
        values.forEach(value -> add("-", value));
        return this;
    }

    private RequestHash add(String field, String value) {
        update(field);
        if (value == null) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            update(value);
        }
        return this;
    }

    private void update(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
