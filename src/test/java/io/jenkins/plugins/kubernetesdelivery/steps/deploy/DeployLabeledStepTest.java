package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The step bean and its descriptor, without Jenkins. */
class DeployLabeledStepTest {

    private final DeployLabeledStep.DescriptorImpl descriptor = new DeployLabeledStep.DescriptorImpl();

    @Test
    void theDescriptorNamesTheStepAndNeedsNoWorkspace() {
        assertThat(descriptor.getFunctionName()).isEqualTo("deployLabeled");
        assertThat(Set.copyOf(descriptor.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class));
        assertThat(descriptor.clazz).isEqualTo(DeployLabeledStep.class);
    }

    @Test
    void theLabelIsTheAppAndWhereItGoesNeverTheManifests() {
        Map<String, Object> args = new HashMap<>(Map.of(
                "app",
                "web",
                "environment",
                "production",
                "manifests",
                "k8s/",
                "image",
                DeployFixtures.WEB,
                "verify",
                Map.of("image", "curl")));
        assertThat(descriptor.argumentsToString(args)).isEqualTo("web → production");
        assertThat(descriptor.argumentsToString(Map.of("app", "web", "cluster", "prod", "namespace", "shop")))
                .isEqualTo("web → prod/shop");
        assertThat(descriptor.argumentsToString(Map.of("app", "web", "cluster", "prod")))
                .isEqualTo("web → prod");
        assertThat(descriptor.argumentsToString(Map.of("app", "web"))).isEqualTo("web");
        assertThat(descriptor.argumentsToString(Map.of("environment", "staging")))
                .isEqualTo("staging");
        assertThat(descriptor.argumentsToString(Map.of("manifests", "k8s/"))).isNull();
        // what Pipeline stores for an argument it did not keep is not a string
        assertThat(descriptor.argumentsToString(Map.of("app", List.of("x"), "environment", "production")))
                .isEqualTo("production");
    }

    @Test
    void textIsTrimmedAndBlankMeansAbsent() {
        DeployLabeledStep s = new DeployLabeledStep(" web ");
        s.setEnvironment(" ");
        s.setCluster(" prod ");
        s.setNamespace("");
        s.setImage("  ");
        s.setManifests(" k8s/ ");
        s.setService(null);
        s.setSchemaVersion(" 42 ");
        assertThat(s.getApp()).isEqualTo("web");
        assertThat(s.getEnvironment()).isNull();
        assertThat(s.getCluster()).isEqualTo("prod");
        assertThat(s.getNamespace()).isNull();
        assertThat(s.getImage()).isNull();
        assertThat(s.getManifests()).isEqualTo("k8s/");
        assertThat(s.getService()).isNull();
        assertThat(s.getSchemaVersion()).isEqualTo("42");
    }

    @Test
    void theDefaults() {
        DeployLabeledStep s = new DeployLabeledStep("web");
        assertThat(s.getKeep()).isEqualTo(5);
        assertThat(s.getTimeout()).isEqualTo(10);
        assertThat(s.getPort()).isEqualTo(8080);
        assertThat(s.getReplicas()).isEqualTo(1);
        assertThat(s.isAllowTags()).isFalse();
        assertThat(s.isUnpin()).isFalse();
        assertThat(s.getImages()).isEmpty();
        assertThat(s.getServices()).isEmpty();
        assertThat(s.getVerify()).isNull();
    }

    @Test
    void listsTakeOneEntryPerLineSoTheFormsTextAreaWorks() {
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setImages(Arrays.asList(DeployFixtures.WEB, null, " ", "migrate=" + DeployFixtures.MIGRATIONS));
        assertThat(s.getImages()).containsExactly(DeployFixtures.WEB, "migrate=" + DeployFixtures.MIGRATIONS);
        assertThat(s.getImagesLines()).isEqualTo(DeployFixtures.WEB + "\nmigrate=" + DeployFixtures.MIGRATIONS);
        s.setImages(List.of(s.getImagesLines()));
        assertThat(s.getImages())
                .as("what the form submits")
                .containsExactly(DeployFixtures.WEB, "migrate=" + DeployFixtures.MIGRATIONS);
        s.setServices(List.of("web\r\n api \n"));
        assertThat(s.getServices()).containsExactly("web", "api");
        assertThat(s.getServicesLines()).isEqualTo("web\napi");
        s.setServices(null);
        assertThat(s.getServices()).isEmpty();
    }

    @Test
    void verifyKeepsEachArgumentAndTheFormGivesOnePerLine() {
        Verify v = new Verify(" curlimages/curl ", List.of("sh", "-c", "curl -fsS a\n&& curl b"));
        assertThat(v.getImage()).isEqualTo("curlimages/curl");
        assertThat(v.getCommand())
                .as("a Jenkinsfile's arguments are kept as they are")
                .containsExactly("sh", "-c", "curl -fsS a\n&& curl b");

        Verify fromForm = Verify.fromForm("curlimages/curl", "curl\n -fsS \n\nhttp://web-preview/healthz\n");
        assertThat(fromForm.getCommand()).containsExactly("curl", "-fsS", "http://web-preview/healthz");
        assertThat(fromForm.getCommandLines()).isEqualTo("curl\n-fsS\nhttp://web-preview/healthz");
        assertThat(Verify.fromForm("curlimages/curl", fromForm.getCommandLines())
                        .getCommand())
                .isEqualTo(fromForm.getCommand());
        assertThat(Verify.fromForm("x", List.of("a b", "c")).getCommand()).containsExactly("a b", "c");
        assertThat(Verify.fromForm(null, null).getCommand()).isEmpty();
        assertThat(Verify.fromForm(42, null).getImage()).isNull();
    }
}
