package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import hudson.util.Secret;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHandle;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.Verification;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deploy saves before its first write to the cluster, so that the resume after a controller restart finishes
 * the same operation with the same request: the engine's handle and every value of the {@link ReleaseRequest}, each
 * manifest's text as a {@link Secret} (manifests may hold Kubernetes Secrets; Pipeline writes a {@code Secret}
 * encrypted into {@code program.dat}). {@link #request()} rebuilds the identical request; the engine checks it
 * against the hash it recorded ({@link ReleaseRequest#inputHash()}). ({@code Secret.fromString} would take a text that
 * is itself this controller's encrypted form of a secret for that secret; a manifest cannot be one, since YAML and
 * JSON text is never Base64 between braces, and the hash check would refuse the resume anyway.)
 */
final class SavedDeploy implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ReleaseHandle handle;
    private final String app;
    private final String namespace;
    private final ArrayList<String> images;
    private final ArrayList<String> manifestNames;
    private final ArrayList<Secret> manifestTexts;
    private final Integer simplePort;
    private final Integer simpleReplicas;
    private final ArrayList<String> services;
    private final String schemaVersion;
    private final String gitCommit;
    private final String buildUrl;
    private final String approver;
    private final String actor;
    private final int keep;
    private final long rolloutTimeoutMillis;
    private final long lockTimeoutMillis;
    private final String verifyImage;
    private final ArrayList<String> verifyCommand;
    private final LinkedHashMap<String, String> verifyPodLabels;
    private final boolean allowTags;
    private final boolean unpin;

    SavedDeploy(ReleaseHandle handle, ReleaseRequest r) {
        this.handle = handle;
        this.app = r.app();
        this.namespace = r.namespace();
        this.images = new ArrayList<>(r.images());
        this.manifestNames = new ArrayList<>();
        this.manifestTexts = new ArrayList<>();
        for (ManifestFile m : r.manifests()) {
            manifestNames.add(m.name());
            manifestTexts.add(Secret.fromString(m.text()));
        }
        this.simplePort = r.simple() == null ? null : r.simple().port();
        this.simpleReplicas = r.simple() == null ? null : r.simple().replicas();
        this.services = new ArrayList<>(r.services());
        this.schemaVersion = r.schemaVersion();
        this.gitCommit = r.gitCommit();
        this.buildUrl = r.buildUrl();
        this.approver = r.approver();
        this.actor = r.actor();
        this.keep = r.keep();
        this.rolloutTimeoutMillis = r.rolloutTimeout().toMillis();
        this.lockTimeoutMillis = r.lockTimeout().toMillis();
        Verification v = r.verification();
        this.verifyImage = v == null ? null : v.image();
        this.verifyCommand = v == null ? null : new ArrayList<>(v.command());
        this.verifyPodLabels = v == null ? null : new LinkedHashMap<>(v.podLabels());
        this.allowTags = r.allowTags();
        this.unpin = r.unpin();
    }

    ReleaseHandle handle() {
        return handle;
    }

    /** The request as it was saved, manifest texts decrypted. */
    ReleaseRequest request() {
        List<ManifestFile> manifests = new ArrayList<>();
        for (int i = 0; i < manifestNames.size(); i++) {
            manifests.add(
                    new ManifestFile(manifestNames.get(i), manifestTexts.get(i).getPlainText()));
        }
        ReleaseRequest.Builder b = ReleaseRequest.builder(app, namespace)
                .images(images)
                .manifests(manifests)
                .services(services)
                .schemaVersion(schemaVersion)
                .gitCommit(gitCommit)
                .buildUrl(buildUrl)
                .approver(approver)
                .actor(actor)
                .keep(keep)
                .rolloutTimeout(Duration.ofMillis(rolloutTimeoutMillis))
                .lockTimeout(Duration.ofMillis(lockTimeoutMillis))
                .allowTags(allowTags)
                .unpin(unpin);
        if (simplePort != null && simpleReplicas != null) {
            b.simple(simplePort, simpleReplicas);
        }
        if (verifyImage != null) {
            b.verification(
                    new Verification(verifyImage, verifyCommand, verifyPodLabels == null ? Map.of() : verifyPodLabels));
        }
        return b.build();
    }

    /** The handle and the manifest names only: never their text. */
    @Override
    public String toString() {
        return "SavedDeploy[" + handle + ", manifests " + manifestNames + "]";
    }
}
