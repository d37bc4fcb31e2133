package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The builder pods and Secret as YAML, compared with reviewed files under src/test/resources. After an intended
 * change, run with {@code -Dgolden.update=true} and review the diff of the YAML files.
 */
class BuilderPodGoldenTest {

    static final String DIR = "io/jenkins/plugins/kubernetesdelivery/engine/image/";
    private final KubernetesSerialization yaml = new KubernetesSerialization();

    static BakeRequest full(String builder) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("VERSION", "1.4.2");
        args.put("NOTE", "spaces and $(no shell) stay one argument");
        return BakeRequest.builder("registry.example.com/shop/web")
                .context("services/web")
                .dockerfile("build/Dockerfile")
                .tags("1.4.2", "latest")
                .buildArgs(args)
                .target("runtime")
                .platform("linux/amd64")
                .cache(true)
                .credentials(new RegistryCredentials.UsernamePassword(null, "ci", "s3cret"))
                .builder(builder)
                .namespace("builds")
                .requests(Map.of("cpu", "1", "memory", "2Gi"))
                .limits(Map.of("memory", "4Gi"))
                .nodeSelector(Map.of("kubernetes.io/arch", "amd64"))
                .tolerations(List.of(new TolerationBuilder()
                        .withKey("builds")
                        .withOperator("Exists")
                        .withEffect("NoSchedule")
                        .build()))
                .serviceAccount("builder")
                .timeout(Duration.ofMinutes(30))
                .identity(new BuildIdentity("shop/web/main", 42, "https://ci.example.com/job/shop/job/web/42/"))
                .bakeId("k3x9q2m7ab")
                .build();
    }

    @Test
    void buildkitPod() throws IOException {
        assertGolden("buildkit-pod.yaml", yaml.asYaml(BuilderPod.pod(full("buildkit"), true)));
    }

    @Test
    void kanikoPod() throws IOException {
        assertGolden("kaniko-pod.yaml", yaml.asYaml(BuilderPod.pod(full("kaniko"), true)));
    }

    @Test
    void minimalPodHasNoCredentialsVolume() throws IOException {
        BakeRequest r = BakeRequest.builder("localhost:5000/app")
                .namespace("ci")
                .bakeId("abc123")
                .build();
        assertGolden("buildkit-pod-minimal.yaml", yaml.asYaml(BuilderPod.pod(r, false)));
    }

    @Test
    void secretIsOwnedByThePod() throws Exception {
        Pod created = new PodBuilder(BuilderPod.pod(full("buildkit"), true))
                .editMetadata()
                .withUid("0b5e9a8e-3f0c-4d5e-9a1b-2c3d4e5f6a7b")
                .endMetadata()
                .build();
        String json = full("buildkit").credentials().toDockerConfigJson("registry.example.com");
        assertGolden("registry-secret.yaml", yaml.asYaml(BuilderPod.secret(full("buildkit"), created, json)));
    }

    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path p = Testenv.repositoryRoot().resolve("src/test/resources/" + DIR + name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = BuilderPodGoldenTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
            assertThat(in)
                    .as("golden file %s (create it with -Dgolden.update=true)", name)
                    .isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
