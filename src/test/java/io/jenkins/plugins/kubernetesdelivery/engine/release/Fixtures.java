package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Shared inputs of the release tests (public for those of {@code release.render}). */
public final class Fixtures {

    public static final String DIGEST = "sha256:" + "a".repeat(64);
    public static final String DIGEST2 = "sha256:" + "b".repeat(64);
    public static final String WEB = "registry.example.com/shop/web@" + DIGEST;
    public static final String MIGRATIONS = "registry.example.com/shop/web-migrations@" + DIGEST2;

    private Fixtures() {}

    /** A test resource of the release package. */
    public static String resource(String name) {
        return resource(Fixtures.class, name);
    }

    /** A test resource beside {@code near}. */
    public static String resource(Class<?> near, String name) {
        try (InputStream in = near.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realistic multi-object request used by the golden-file test. */
    public static ReleaseRequest.Builder webRequest() {
        return ReleaseRequest.builder("web", "shop")
                .manifest("k8s/web.yaml", resource("web-manifests.yaml"))
                .image(WEB)
                .image("migrate=" + MIGRATIONS)
                .schemaVersion("42")
                .gitCommit("0123456789abcdef0123456789abcdef01234567")
                .buildUrl("https://ci.example.com/job/shop/job/web/17/")
                .approver("carol")
                .actor("alice");
    }
}
