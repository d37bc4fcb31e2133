package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.jenkins.plugins.kubernetesdelivery.BuilderPodSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.image.Bake;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuildIdentity;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuilderImages;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ContextSource;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Step fields + builder defaults + the build's identity → the engine's bake request, with every problem. */
class BakeInputsTest {

    static final String REPO = "registry.example.com/shop/web";
    static final Toleration TOLERATION = new TolerationBuilder()
            .withKey("dedicated")
            .withOperator("Equal")
            .withValue("builds")
            .withEffect("NoSchedule")
            .build();
    static final BuilderImages IMAGES = new BuilderImages(
            "mirror.example.com/buildkit:v1@sha256:" + "a".repeat(64),
            "mirror.example.com/kaniko:v1@sha256:" + "b".repeat(64),
            "mirror.example.com/busybox:1@sha256:" + "c".repeat(64));
    static final BuilderPodSettings BUILDER = new BuilderPodSettings(
            IMAGES,
            "buildkit",
            "image-builds",
            Map.of("cpu", "500m", "memory", "1Gi"),
            Map.of("memory", "4Gi"),
            Map.of("kubernetes.io/arch", "amd64"),
            List.of(TOLERATION),
            "builder");
    static final BuildIdentity IDENTITY = new BuildIdentity("shop/web/main", 42, "https://ci.example.com/job/42/");
    static final RegistryCredentials CREDENTIALS = new RegistryCredentials.UsernamePassword(null, "ci", "pa$$");

    static BakeImageStep step(Consumer<BakeImageStep> setUp) {
        BakeImageStep step = new BakeImageStep(REPO);
        setUp.accept(step);
        return step;
    }

    static BakeInputs map(BakeImageStep step) {
        return BakeInputs.of(step, BUILDER, "image-builds", IDENTITY, CREDENTIALS, "k3x9q2m7ab");
    }

    @Test
    void aStepWithOnlyItsRepositoryTakesTheDefaultsAndEverythingAboutThePodFromTheConfiguration() {
        BakeInputs inputs = map(step(s -> {}));
        BakeRequest r = inputs.request();

        assertThat(inputs.problems()).isEmpty();
        assertThat(r.repository()).isEqualTo(REPO);
        assertThat(r.contextDir()).isEqualTo(".");
        assertThat(r.dockerfile()).isEqualTo("Dockerfile");
        assertThat(r.tags()).containsExactly("latest");
        assertThat(r.buildArgs()).isEmpty();
        assertThat(r.target()).isNull();
        assertThat(r.platform()).isNull();
        assertThat(r.cache()).isFalse();
        assertThat(r.builder()).isEqualTo("buildkit");
        assertThat(r.images()).isEqualTo(IMAGES);
        assertThat(r.namespace()).isEqualTo("image-builds");
        assertThat(r.requests()).isEqualTo(Map.of("cpu", "500m", "memory", "1Gi"));
        assertThat(r.limits()).isEqualTo(Map.of("memory", "4Gi"));
        assertThat(r.nodeSelector()).isEqualTo(Map.of("kubernetes.io/arch", "amd64"));
        assertThat(r.tolerations()).containsExactly(TOLERATION);
        assertThat(r.serviceAccount()).isEqualTo("builder");
        assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r.identity()).isEqualTo(IDENTITY);
        assertThat(r.credentials()).isSameAs(CREDENTIALS);
        assertThat(r.bakeId()).isEqualTo("k3x9q2m7ab");
        assertThat(r.extraLabels()).isEmpty();
    }

    /** A step field → what the request holds. */
    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("context", (Consumer<BakeImageStep>) s -> s.setContext(" app "), (Consumer<BakeRequest>)
                        r -> assertThat(r.contextDir()).isEqualTo("app")),
                Arguments.of(
                        "dockerfile",
                        (Consumer<BakeImageStep>) s -> s.setDockerfile("build/Dockerfile"),
                        (Consumer<BakeRequest>) r -> assertThat(r.dockerfile()).isEqualTo("build/Dockerfile")),
                Arguments.of(
                        "tags",
                        (Consumer<BakeImageStep>) s -> s.setTags(List.of("1.4.2", " ", "latest")),
                        (Consumer<BakeRequest>) r -> assertThat(r.tags()).containsExactly("1.4.2", "latest")),
                Arguments.of(
                        "buildArgs",
                        (Consumer<BakeImageStep>) s -> s.setBuildArgs(ordered("VERSION", "1.4.2", "COMMIT", "abc123")),
                        (Consumer<BakeRequest>) r -> assertThat(r.buildArgs())
                                .containsExactly(Map.entry("VERSION", "1.4.2"), Map.entry("COMMIT", "abc123"))),
                Arguments.of("target", (Consumer<BakeImageStep>) s -> s.setTarget("runtime"), (Consumer<BakeRequest>)
                        r -> assertThat(r.target()).isEqualTo("runtime")),
                Arguments.of(
                        "platform", (Consumer<BakeImageStep>) s -> s.setPlatform("linux/arm64"), (Consumer<BakeRequest>)
                                r -> assertThat(r.platform()).isEqualTo("linux/arm64")),
                Arguments.of("cache", (Consumer<BakeImageStep>) s -> s.setCache(true), (Consumer<BakeRequest>)
                        r -> assertThat(r.cache()).isTrue()),
                Arguments.of("builder", (Consumer<BakeImageStep>) s -> s.setBuilder("kaniko"), (Consumer<BakeRequest>)
                        r -> assertThat(r.builder()).isEqualTo("kaniko")),
                Arguments.of("timeout", (Consumer<BakeImageStep>) s -> s.setTimeout(90), (Consumer<BakeRequest>)
                        r -> assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(90))),
                Arguments.of(
                        "environment", (Consumer<BakeImageStep>) s -> s.setEnvironment("build"), (Consumer<BakeRequest>)
                                r -> assertThat(r.namespace()).isEqualTo("image-builds")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void eachFieldReachesTheRequest(String field, Consumer<BakeImageStep> setUp, Consumer<BakeRequest> expect) {
        BakeInputs inputs = map(step(setUp));

        assertThat(inputs.problems()).isEmpty();
        expect.accept(inputs.request());
    }

    @Test
    void buildArgumentsLoseTheirControlCharactersAndBecomeStrings() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("VERSION", "1.4.2\n");
        args.put("NOTE", "a\tb\u0000c\u001b[31md\u007f\u0085");
        args.put("NAME", "Zoë – ünïcode ✓");
        args.put("BUILD", 42);
        BakeImageStep step = new BakeImageStep(REPO);
        step.setBuildArgs(unchecked(args));

        BakeInputs inputs = map(step);

        assertThat(inputs.problems()).isEmpty();
        assertThat(inputs.request().buildArgs())
                .containsExactly(
                        Map.entry("VERSION", "1.4.2"),
                        Map.entry("NOTE", "abc[31md"),
                        Map.entry("NAME", "Zoë – ünïcode ✓"),
                        Map.entry("BUILD", "42"));
    }

    @Test
    void everyProblemComesAtOnceTheStepLayersAndTheEnginesChecks() {
        Map<String, String> args = new LinkedHashMap<>();
        IntStream.range(0, 70).forEach(i -> args.put("ARG_" + i, "v"));
        args.put("LONG", "x".repeat(5000));
        args.put("N".repeat(130), "v");
        args.put("EMPTY", null);
        BakeImageStep step = new BakeImageStep("Registry.Example.com/Shop Web");
        step.setBuildArgs(args);
        step.setTags(IntStream.range(0, 40).mapToObj(i -> "t" + i).toList());
        step.setTimeout(0);
        step.setPlatform("amd64");

        List<String> problems = map(step).problems();

        assertThat(problems)
                .containsSubsequence(
                        "tags has 40 entries; at most 32 are allowed",
                        "timeout 0 must be a whole number of minutes from 1 to 1440",
                        "buildArgs has 73 entries; at most 64 are allowed",
                        "buildArgs.LONG is 5000 characters long; at most 4096 are allowed",
                        "buildArgs name '" + "N".repeat(32) + "…' is longer than 128 characters",
                        "buildArgs.EMPTY has no value; give it a string");
        assertThat(problems)
                .anyMatch(p -> p.startsWith("repository 'Registry.Example.com/Shop Web'"))
                .anyMatch(p -> p.startsWith("platform 'amd64' must be os/arch"));
    }

    @Test
    void aTimeoutBeyondADayIsRefused() {
        assertThat(map(step(s -> s.setTimeout(1441))).problems())
                .containsExactly("timeout 1441 must be a whole number of minutes from 1 to 1440");
        assertThat(map(step(s -> s.setTimeout(1440))).problems()).isEmpty();
    }

    /** A context scanned on an agent, with what its scan found. */
    record Scanned(List<String> problems, long fileCount, long tarSize) implements ContextSource {
        @Override
        public void writeTo(OutputStream out) {
            throw new AssertionError("prepare never writes the context");
        }
    }

    private final ImageBaker baker = new ImageBaker(null, null, BakeSettings.DEFAULTS);

    @Test
    void prepareReportsTheStepLayersProblemsWithThoseOfTheRequestAndTheContext() {
        BakeInputs inputs = map(step(s -> {
            s.setTimeout(0);
            s.setPlatform("amd64");
        }));
        Scanned context = new Scanned(List.of("dockerfile 'Dockerfile' does not exist in the context '.'"), 0, 0);

        assertThatThrownBy(() -> inputs.prepare(baker, context, ProgressListener.NONE))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason())
                            .isEqualTo("the bake request for " + REPO + " is invalid; nothing in the cluster changed");
                    assertThat(e.problems())
                            .hasSize(3)
                            .startsWith("timeout 0 must be a whole number of minutes from 1 to 1440")
                            .endsWith("dockerfile 'Dockerfile' does not exist in the context '.'");
                });
    }

    @Test
    void prepareRefusesAStepProblemEvenWhenTheEngineFindsNone() {
        BakeInputs inputs = map(step(
                s -> s.setTags(IntStream.range(0, 33).mapToObj(i -> "t" + i).toList())));

        assertThatThrownBy(() -> inputs.prepare(baker, new Scanned(List.of(), 1, 2048), ProgressListener.NONE))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems()).containsExactly("tags has 33 entries; at most 32 are allowed"));
    }

    @Test
    void prepareWithoutProblemsGivesTheBakeOfThatId() {
        Scanned context = new Scanned(List.of(), 2, 4096);

        Bake bake = map(step(s -> s.setTags(List.of("1.0")))).prepare(baker, context, ProgressListener.NONE);

        assertThat(bake.handle().bakeId()).isEqualTo("k3x9q2m7ab");
        assertThat(bake.handle().namespace()).isEqualTo("image-builds");
        assertThat(bake.handle().tags()).containsExactly("1.0");
        assertThat(bake.context()).isSameAs(context);
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** What a Pipeline hands the setter: a map whose values are not all strings. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> unchecked(Map<String, ?> m) {
        return (Map<String, String>) (Map<String, ?>) m;
    }
}
