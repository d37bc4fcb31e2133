package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static io.jenkins.plugins.kubernetesdelivery.steps.deploy.DeployFixtures.BUILD_URL;
import static io.jenkins.plugins.kubernetesdelivery.steps.deploy.DeployFixtures.COMMIT;
import static io.jenkins.plugins.kubernetesdelivery.steps.deploy.DeployFixtures.MIGRATIONS;
import static io.jenkins.plugins.kubernetesdelivery.steps.deploy.DeployFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.SimpleApp;
import io.jenkins.plugins.kubernetesdelivery.engine.release.Verification;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** From deployLabeled's arguments, the build's facts and the target to the engine's request, every problem at once. */
class DeployInputsTest {

    private static final DeployInputs.Provenance FROM = new DeployInputs.Provenance(COMMIT, BUILD_URL, "alice", null);
    private static final List<ManifestFile> MANIFESTS =
            List.of(new ManifestFile("k8s/web.yaml", DeployFixtures.webManifests()));

    private static DeployLabeledStep step(Consumer<DeployLabeledStep> setup) {
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment("production");
        setup.accept(s);
        return s;
    }

    @Test
    void theSimpleAppTakesItsDefaults() {
        ReleaseRequest r = DeployInputs.request(step(s -> s.setImage(WEB)), "shop", FROM, null);
        assertThat(r)
                .isEqualTo(ReleaseRequest.builder("web", "shop")
                        .image(WEB)
                        .simple(8080, 1)
                        .gitCommit(COMMIT)
                        .buildUrl(BUILD_URL)
                        .actor("alice")
                        .build());
        assertThat(r.keep()).isEqualTo(5);
        assertThat(r.rolloutTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.approver()).isNull();
        assertThat(r.verification()).isNull();
        assertThat(r.allowTags()).isFalse();
        assertThat(r.unpin()).isFalse();
        assertThat(r.force()).isFalse();
    }

    @Test
    void everyFieldReachesTheRequest() {
        DeployLabeledStep s = step(x -> {
            x.setImages(List.of(WEB, "migrate=" + MIGRATIONS));
            x.setManifests("k8s/");
            x.setServices(List.of("web"));
            x.setSchemaVersion(" 42 ");
            x.setVerify(new Verify(
                    "curlimages/curl@" + DeployFixtures.DIGEST, List.of("curl", "-fsS", "http://web-preview/healthz")));
            x.setKeep(7);
            x.setTimeout(3);
            x.setAllowTags(true);
            x.setUnpin(true);
            x.setForce(true);
        });
        ReleaseRequest r = DeployInputs.request(
                s, "shop", new DeployInputs.Provenance(COMMIT, BUILD_URL, "alice", "carol"), MANIFESTS);
        assertThat(r.app()).isEqualTo("web");
        assertThat(r.namespace()).isEqualTo("shop");
        assertThat(r.images()).containsExactly(WEB, "migrate=" + MIGRATIONS);
        assertThat(r.manifests()).isEqualTo(MANIFESTS);
        assertThat(r.simple()).as("no generated manifests with manifests").isNull();
        assertThat(r.services()).containsExactly("web");
        assertThat(r.schemaVersion()).isEqualTo("42");
        assertThat(r.gitCommit()).isEqualTo(COMMIT);
        assertThat(r.buildUrl()).isEqualTo(BUILD_URL);
        assertThat(r.actor()).isEqualTo("alice");
        assertThat(r.approver()).isEqualTo("carol");
        assertThat(r.keep()).isEqualTo(7);
        assertThat(r.rolloutTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(r.lockTimeout()).isEqualTo(ReleaseRequest.DEFAULT_LOCK_TIMEOUT);
        assertThat(r.verification())
                .isEqualTo(new Verification(
                        "curlimages/curl@" + DeployFixtures.DIGEST,
                        List.of("curl", "-fsS", "http://web-preview/healthz")));
        assertThat(r.allowTags()).isTrue();
        assertThat(r.unpin()).isTrue();
        assertThat(r.force()).isTrue();
    }

    @Test
    void theSingularFormsAndTheGeneratedAppsShape() {
        DeployLabeledStep s = step(x -> {
            x.setImage(WEB);
            x.setService("web");
            x.setPort(9090);
            x.setReplicas(3);
        });
        ReleaseRequest r = DeployInputs.request(s, "shop", FROM, null);
        assertThat(r.images()).containsExactly(WEB);
        assertThat(r.services()).containsExactly("web");
        assertThat(r.simple()).isEqualTo(new SimpleApp(9090, 3));
        assertThat(r.manifests()).isEmpty();
    }

    @Test
    void buildFactsThatAreAbsentStayAbsent() {
        ReleaseRequest r = DeployInputs.request(
                step(s -> s.setImage(WEB)), "shop", new DeployInputs.Provenance(null, null, null, null), null);
        assertThat(r.gitCommit()).isNull();
        assertThat(r.buildUrl()).isNull();
        assertThat(r.actor()).isNull();
    }

    @Test
    void aBuildUrlWithoutARootUrlIsLeftOut() {
        ReleaseRequest r = DeployInputs.request(
                step(s -> s.setImage(WEB)),
                "shop",
                DeployInputs.Provenance.of(COMMIT, "job/shop/job/web/17/", "alice", null),
                null);
        assertThat(r.buildUrl())
                .as("the engine records absolute http(s) URLs only")
                .isNull();
        assertThat(DeployInputs.Provenance.of(COMMIT, BUILD_URL, "alice", "carol")
                        .buildUrl())
                .isEqualTo(BUILD_URL);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        DeployLabeledStep s = new DeployLabeledStep("  ");
        s.setImage("web:latest");
        s.setImages(List.of(WEB));
        s.setService("web");
        s.setServices(List.of("api"));
        s.setManifests("k8s/");
        s.setPort(9090);
        s.setTimeout(0);
        s.setKeep(1);
        s.setSchemaVersion("x".repeat(64));
        s.setVerify(new Verify(null, List.of()));
        assertThat(DeployInputs.stepProblems(s))
                .containsExactly(
                        "app is required: the name of the app to deploy, e.g. app: 'web'",
                        "image and images: give one of them, not both",
                        "service and services: give one of them, not both",
                        "port and replicas shape the generated Deployment and Service, which are not used with manifests:"
                                + " set them in the manifests instead",
                        "timeout 0 must be between 1 and 1440 minutes");
        assertThatThrownBy(() -> DeployInputs.request(s, "shop", FROM, MANIFESTS))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason())
                            .isEqualTo(
                                    "the deploy request for shop/null is invalid; nothing in the" + " cluster changed");
                    assertThat(e.problems())
                            .startsWith(DeployInputs.stepProblems(s).toArray(String[]::new))
                            .contains(
                                    "keep 1 must be between 2 (the live release and the one before) and 50",
                                    "verification image '' must not be empty",
                                    "verification command must not be empty")
                            .anyMatch(p -> p.startsWith("schemaVersion '" + "x".repeat(64) + "' "))
                            .noneMatch(p -> p.startsWith("app '"))
                            .noneMatch(p -> p.startsWith("rolloutTimeout"));
                });
    }

    @Test
    void theEnginesRulesComeWithTheStepsOwn() {
        DeployLabeledStep s = step(x -> {
            x.setImage("registry.example.com/shop/web:1.4");
            x.setTimeout(2000);
        });
        assertThatThrownBy(() -> DeployInputs.request(s, "shop", FROM, null))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems())
                                .startsWith(
                                        "timeout 2000 must be between 1 and 1440 minutes",
                                        "image 'registry.example.com/shop/web:1.4' is not pinned by digest (repo@sha256:…); pin it,"
                                                + " or allow tags explicitly"));
        s.setTimeout(10);
        s.setAllowTags(true);
        assertThat(DeployInputs.request(s, "shop", FROM, null).allowTags()).isTrue();
    }

    /** D-9: the target's permission for cluster-scoped objects reaches the engine; nothing in the step can set it. */
    @Test
    void theTargetDecidesWhetherClusterScopedObjectsAreAllowed() {
        DeployLabeledStep s = step(x -> x.setImage(WEB));
        assertThat(DeployInputs.request(s, "shop", FROM, null).allowClusterScoped())
                .isFalse();
        assertThat(DeployInputs.request(s, "shop", FROM, null, false).allowClusterScoped())
                .isFalse();
        assertThat(DeployInputs.request(s, "shop", FROM, null, true).allowClusterScoped())
                .isTrue();
    }

    @Test
    void withoutManifestsAndImageTheEngineSaysWhatIsMissing() {
        assertThatThrownBy(() -> DeployInputs.request(step(s -> {}), "shop", FROM, null))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems())
                                .startsWith("image: generated manifests need exactly one image reference (has 0)"));
    }
}
