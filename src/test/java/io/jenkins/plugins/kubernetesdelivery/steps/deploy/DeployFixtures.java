package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Inputs shared by the deployLabeled tests; the manifests are the engine's release fixtures. */
final class DeployFixtures {

    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String WEB = "registry.example.com/shop/web@" + DIGEST;
    static final String MIGRATIONS = "registry.example.com/shop/web-migrations@sha256:" + "b".repeat(64);
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String BUILD_URL = "https://ci.example.com/job/shop/job/web/17/";
    /** The value of the Secret in {@link #webManifests()}. */
    static final String MANIFEST_SECRET = "not-a-real-secret";

    private DeployFixtures() {}

    /** The engine's realistic manifests: a Deployment with its ConfigMap and Secret, a Service, an Ingress, a CRD. */
    static String webManifests() {
        return resource("/io/jenkins/plugins/kubernetesdelivery/engine/release/web-manifests.yaml");
    }

    static String resource(String absoluteName) {
        try (InputStream in = DeployFixtures.class.getResourceAsStream(absoluteName)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + absoluteName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
