package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuilderImages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builder defaults: their text formats, their checks, and what a bake request gets from them. */
class BuilderDefaultsTest {

    private static final String PINNED = "registry.example.com/mirror/buildkit:v0.33.0-rootless@sha256:"
            + "80b15f0735e87bab7bf59ec4d695dfb4a7cfb25521cf56dc75d6f256285b63ef";

    @Test
    void unsetDefaultsGiveThePinnedImagesBuildKitAndTheTargetNamespace() throws Exception {
        BuilderPodSettings s = new BuilderDefaults().toPodSettings("shop");

        assertThat(s.images()).isEqualTo(BuilderImages.DEFAULTS);
        assertThat(s.builder()).isEqualTo("buildkit");
        assertThat(s.namespace()).isEqualTo("shop");
        assertThat(s.requests()).isEmpty();
        assertThat(s.limits()).isEmpty();
        assertThat(s.nodeSelector()).isEmpty();
        assertThat(s.tolerations()).isEmpty();
        assertThat(s.serviceAccount()).isNull();
        assertThat(new BuilderDefaults().toPodSettings(null).namespace()).isNull();
    }

    @Test
    void everySettingReachesTheBakeValues() throws Exception {
        BuilderDefaults d = new BuilderDefaults();
        d.setBuildkitImage(" " + PINNED + " ");
        d.setBuilder("kaniko");
        d.setNamespace(" image-builds ");
        d.setCpuRequest("500m");
        d.setCpuLimit("2");
        d.setMemoryRequest("1Gi");
        d.setMemoryLimit("4Gi");
        d.setEphemeralStorageRequest("10Gi");
        d.setEphemeralStorageLimit("20Gi");
        d.setNodeSelector("kubernetes.io/arch = amd64\n\nnode-role.example.com/builds=true");
        d.setTolerations("dedicated=builds:NoSchedule\nspot\ngpu:NoExecute\nzone=\n");
        d.setServiceAccount("image-builder");

        BuilderPodSettings s = d.toPodSettings("shop");

        assertThat(s.images()).isEqualTo(new BuilderImages(PINNED, null, null));
        assertThat(s.builder()).isEqualTo("kaniko");
        assertThat(s.namespace()).isEqualTo("image-builds");
        assertThat(s.requests()).isEqualTo(Map.of("cpu", "500m", "memory", "1Gi", "ephemeral-storage", "10Gi"));
        assertThat(s.limits()).isEqualTo(Map.of("cpu", "2", "memory", "4Gi", "ephemeral-storage", "20Gi"));
        assertThat(s.nodeSelector())
                .isEqualTo(Map.of("kubernetes.io/arch", "amd64", "node-role.example.com/builds", "true"));
        assertThat(s.tolerations())
                .containsExactly(
                        toleration("dedicated", "Equal", "builds", "NoSchedule"),
                        toleration("spot", "Exists", null, null),
                        toleration("gpu", "Exists", null, "NoExecute"),
                        toleration("zone", "Equal", "", null));
        assertThat(s.serviceAccount()).isEqualTo("image-builder");
        assertThat(d.getTolerations()).isEqualTo("dedicated=builds:NoSchedule\nspot\ngpu:NoExecute\nzone=");
    }

    @Test
    void theDefaultImageIsNotStoredSoPluginUpdatesMoveIt() {
        BuilderDefaults d = new BuilderDefaults();
        d.setKanikoImage(BuilderImages.DEFAULT_KANIKO);
        d.setBuilder("buildkit");

        assertThat(d.getKanikoImage()).isEqualTo(BuilderImages.DEFAULT_KANIKO);
        assertThat(d.getBuilder()).isEqualTo("buildkit");
        // equal to a fresh instance, field by field: nothing set
        assertThat(d).usingRecursiveComparison().isEqualTo(new BuilderDefaults());
    }

    @Test
    void imagesAreReferencesAndUnpinnedOnesAreWarnedAbout() {
        assertThat(BuilderChecks.image(BuilderChecks.Image.BUILDKIT, PINNED).kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.image(BuilderChecks.Image.KANIKO, "").kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation tag = BuilderChecks.image(BuilderChecks.Image.KANIKO, "registry.example.com/kaniko:v1");
        assertThat(tag.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(tag.getMessage()).isEqualTo(Messages.BuilderChecks_NotPinned());

        FormValidation bad = BuilderChecks.image(BuilderChecks.Image.CONTEXT_RECEIVER, "busybox; rm -rf /");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("context receiver image").contains("busybox; rm -rf /");
    }

    @Test
    void fieldChecks() {
        assertThat(BuilderChecks.builder("kaniko").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.builder("docker").getMessage()).isEqualTo(Messages.BuilderChecks_Builder("docker"));

        assertThat(BuilderChecks.namespace("").getMessage()).isEqualTo(Messages.BuilderChecks_TargetNamespace());
        assertThat(BuilderChecks.namespace("Builds").kind).isEqualTo(FormValidation.Kind.ERROR);

        assertThat(BuilderChecks.quantity("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.quantity("1.5Gi").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.quantity("lots").getMessage()).isEqualTo(Messages.BuilderChecks_Quantity("lots"));
        assertThat(BuilderChecks.quantity("-1").getMessage()).isEqualTo(Messages.BuilderChecks_Quantity("-1"));

        assertThat(BuilderChecks.limit("4Gi", "1Gi").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.limit("1", "1000m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.limit("512Mi", "1Gi").getMessage())
                .isEqualTo(Messages.BuilderChecks_BelowRequest("512Mi", "1Gi"));
        assertThat(BuilderChecks.limit("4Gi", "").kind).isEqualTo(FormValidation.Kind.OK);

        assertThat(BuilderChecks.serviceAccount("image-builder").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.serviceAccount("Image Builder").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void badNodeSelectorLinesAreNamed() {
        assertThat(BuilderChecks.nodeSelector("a=b\nc=").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.nodeSelector("arch amd64").getMessage())
                .isEqualTo(Messages.BuilderChecks_NodeSelectorLine("arch amd64"));
        assertThat(BuilderChecks.nodeSelector("a=1\na=2").getMessage())
                .isEqualTo(Messages.BuilderChecks_DuplicateKey("a=2", "a"));
        assertThat(BuilderChecks.nodeSelector("=x").getMessage()).startsWith("Line '=x': key '' must not be empty");
        assertThat(BuilderChecks.nodeSelector("k=not ok").getMessage()).startsWith("Line 'k=not ok': value 'not ok'");
    }

    @Test
    void badTolerationLinesAreNamed() {
        assertThat(BuilderChecks.tolerations("a=b:NoSchedule\nc").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(BuilderChecks.tolerations("a=b:Sometimes").getMessage())
                .isEqualTo(Messages.BuilderChecks_Effect("a=b:Sometimes", "Sometimes"));
        assertThat(BuilderChecks.tolerations(":NoSchedule").getMessage()).startsWith("Line ':NoSchedule': key ''");
        assertThat(BuilderChecks.tolerations("a b").getMessage()).startsWith("Line 'a b': key 'a b'");
    }

    @Test
    void invalidDefaultsAreRefusedAtSaveAndInBuilds() {
        BuilderDefaults d = new BuilderDefaults();
        d.setBuilder("docker");
        d.setMemoryRequest("2Gi");
        d.setMemoryLimit("1Gi");
        d.setCpuLimit("many");
        d.setTolerations("x:Never");

        assertThat(BuilderChecks.problems(d))
                .containsExactly(
                        Messages.BuilderChecks_Invalid(Messages.BuilderChecks_Builder("docker")),
                        Messages.BuilderChecks_Invalid(
                                Messages.BuilderChecks_Resource("cpu limit", Messages.BuilderChecks_Quantity("many"))),
                        Messages.BuilderChecks_Invalid(Messages.BuilderChecks_Resource(
                                "memory", Messages.BuilderChecks_BelowRequest("1Gi", "2Gi"))),
                        Messages.BuilderChecks_Invalid(Messages.BuilderChecks_Effect("x:Never", "Never")));
        assertThatThrownBy(() -> d.toPodSettings("shop"))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith(
                        "The builder defaults of the global configuration are invalid: Builder defaults:")
                .hasMessageContaining("docker");
        assertThat(BuilderChecks.problems(new BuilderDefaults())).isEmpty();
    }

    private static Toleration toleration(String key, String operator, String value, String effect) {
        return new TolerationBuilder()
                .withKey(key)
                .withOperator(operator)
                .withValue(value)
                .withEffect(effect)
                .build();
    }
}
