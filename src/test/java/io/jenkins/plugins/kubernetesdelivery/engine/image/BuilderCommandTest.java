package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuilderCommandTest {

    static final BakeRequest MINIMAL = BakeRequest.builder("localhost:5000/app")
            .namespace("ci")
            .bakeId("b1")
            .build();

    @Test
    void buildkitMinimal() {
        assertThat(new BuildKitBuilder().command(MINIMAL))
                .containsExactly(
                        "buildctl",
                        "--addr",
                        "unix:///run/buildkit/buildkitd.sock",
                        "--wait",
                        "build",
                        "--progress=plain",
                        "--frontend=dockerfile.v0",
                        "--local=context=/workspace/context",
                        "--local=dockerfile=/workspace/context",
                        "--opt=filename=Dockerfile",
                        "--output=type=image,\"name=localhost:5000/app:latest\",push=true",
                        "--metadata-file=/dev/termination-log");
    }

    @Test
    void kanikoMinimal() {
        assertThat(new KanikoBuilder().command(MINIMAL))
                .containsExactly(
                        "/kaniko/executor", "--context=dir:///workspace/context",
                        "--dockerfile=/workspace/context/Dockerfile", "--destination=localhost:5000/app:latest",
                        "--digest-file=/dev/termination-log", "--log-format=text");
    }

    @Test
    void buildArgsStayOneArgumentEach() {
        BakeRequest r = BakeRequest.builder("r.io/a")
                .namespace("ci")
                .bakeId("b1")
                .buildArgs(Map.of("MSG", "a b; echo $HOME `id` \"q\""))
                .build();
        assertThat(new BuildKitBuilder().command(r)).contains("--opt=build-arg:MSG=a b; echo $HOME `id` \"q\"");
        assertThat(new KanikoBuilder().command(r)).contains("--build-arg=MSG=a b; echo $HOME `id` \"q\"");
    }

    @Test
    void cacheUsesTheCacheRepository() {
        BakeRequest r = BakeRequest.builder("r.io/a")
                .namespace("ci")
                .bakeId("b1")
                .cache(true)
                .cacheRepository("r.io/cache/a")
                .build();
        assertThat(new BuildKitBuilder().command(r))
                .contains(
                        "--export-cache=type=registry,ref=r.io/cache/a:buildcache,mode=max",
                        "--import-cache=type=registry,ref=r.io/cache/a:buildcache");
        assertThat(new KanikoBuilder().command(r)).contains("--cache=true", "--cache-repo=r.io/cache/a");
    }

    @Test
    void noContainerIsPrivilegedOrRunsAShellOrMountsTheDockerSocket() {
        for (String kind : List.of("buildkit", "kaniko")) {
            Pod pod = BuilderPod.pod(BuilderPodGoldenTest.full(kind), true);
            List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers());
            all.addAll(pod.getSpec().getContainers());
            for (Container c : all) {
                assertThat(c.getSecurityContext().getPrivileged())
                        .as(kind + "/" + c.getName())
                        .isNotEqualTo(true);
                assertThat(c.getCommand().get(0)).as(kind + "/" + c.getName()).doesNotEndWith("sh");
                assertThat(c.getArgs()).isEmpty();
            }
            assertThat(pod.getSpec().getVolumes())
                    .allSatisfy(v -> assertThat(v.getHostPath()).isNull());
            assertThat(pod.getSpec().getHostNetwork()).isNull();
            assertThat(pod.getSpec().getContainers())
                    .extracting(Container::getName)
                    .containsExactly("build");
        }
    }
}
