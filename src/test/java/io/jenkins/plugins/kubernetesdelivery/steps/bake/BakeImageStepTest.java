package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import hudson.model.Descriptor.FormException;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The step's surface: its parameters (a contract, design.md), its descriptor and its form text. */
class BakeImageStepTest {

    final BakeImageStep.DescriptorImpl descriptor = new BakeImageStep.DescriptorImpl();

    @Test
    void theParametersAreExactlyTheDesignedOnesAndNoneSaysWhereOrAsWhomThePodRuns() throws Exception {
        TreeSet<String> setters = new TreeSet<>();
        for (Method m : BakeImageStep.class.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                setters.add(Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4));
            }
        }
        assertThat(BakeImageStep.class.getConstructor(String.class).isAnnotationPresent(DataBoundConstructor.class))
                .isTrue();
        assertThat(setters)
                .containsExactly(
                        "buildArgs",
                        "builder",
                        "cache",
                        "cluster",
                        "context",
                        "dockerfile",
                        "environment",
                        "platform",
                        "registryCredentialsId",
                        "tags",
                        "target",
                        "timeout");
    }

    @Test
    void everyParameterHasHelp() {
        Path dir = Path.of("src/main/resources/io/jenkins/plugins/kubernetesdelivery/steps/bake/BakeImageStep");
        Path root = Files.isDirectory(dir) ? dir : Path.of("../..").resolve(dir);
        for (String field : List.of(
                "repository",
                "context",
                "dockerfile",
                "tags",
                "buildArgs",
                "target",
                "platform",
                "cache",
                "registryCredentialsId",
                "builder",
                "environment",
                "cluster",
                "timeout")) {
            assertThat(root.resolve("help-" + field + ".html")).as(field).isRegularFile();
        }
        assertThat(root.resolve("help.html")).isRegularFile();
        assertThat(root.resolve("config.jelly")).content().startsWith("<?jelly escape-by-default='true'?>");
    }

    @Test
    void theDescriptorNamesTheStepAndNeedsAWorkspace() {
        assertThat(descriptor.getFunctionName()).isEqualTo("bakeImage");
        assertThat(descriptor.getDisplayName()).isEqualTo(Messages.BakeImageStep_DisplayName());
        assertThat(new java.util.HashSet<Class<?>>(descriptor.getRequiredContext()))
                .isEqualTo(java.util.Set.of(Run.class, TaskListener.class, FilePath.class));
        assertThat(descriptor.clazz).isEqualTo(BakeImageStep.class);
    }

    @Test
    void theLabelIsTheRepositoryNeverBuildArgumentsOrCredentials() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("repository", "registry.example.com/shop/web");
        args.put("buildArgs", Map.of("TOKEN", "s3cr$t"));
        args.put("registryCredentialsId", "registry-push");
        args.put("tags", List.of("1.0"));

        assertThat(descriptor.argumentsToString(args)).isEqualTo("registry.example.com/shop/web");
        assertThat(descriptor.argumentsToString(Map.of("tags", List.of("1.0")))).isNull();
    }

    @Test
    void settersNormalise() {
        BakeImageStep step = new BakeImageStep(" registry.example.com/shop/web ");
        step.setContext(" ");
        step.setDockerfile(" build/Dockerfile ");
        step.setEnvironment("");
        step.setRegistryCredentialsId(" registry-push ");
        step.setTags(Arrays.asList(" 1.0 ", null, "", "latest"));

        assertThat(step.getRepository()).isEqualTo("registry.example.com/shop/web");
        assertThat(step.getContext()).isNull();
        assertThat(step.getDockerfile()).isEqualTo("build/Dockerfile");
        assertThat(step.getEnvironment()).isNull();
        assertThat(step.getRegistryCredentialsId()).isEqualTo("registry-push");
        assertThat(step.getTags()).containsExactly("1.0", "latest");
        assertThat(step.getTimeout()).isEqualTo(BakeImageStep.DEFAULT_TIMEOUT_MINUTES);
        assertThat(step.isCache()).isFalse();
    }

    @Test
    void theFormsTextOfTagsAndBuildArgumentsReadsBackAsTheSameValues() throws Exception {
        BakeImageStep step = new BakeImageStep("registry.example.com/shop/web");
        step.setTags(List.of("1.4.2", "latest"));
        Map<String, String> args = new LinkedHashMap<>();
        args.put("VERSION", "1.4.2");
        args.put("OPTS", "a=b c");
        step.setBuildArgs(args);

        assertThat(BakeImageStep.DescriptorImpl.tagsOf(descriptor.tagsText(step)))
                .isEqualTo(step.getTags());
        assertThat(BakeImageStep.DescriptorImpl.buildArgsOf(descriptor.buildArgsText(step)))
                .containsExactlyEntriesOf(args);
        assertThat(descriptor.tagsText(null)).isEmpty();
        assertThat(descriptor.buildArgsText(null)).isEmpty();
        assertThat(BakeImageStep.DescriptorImpl.tagsOf(" 1.0, latest\nnightly ,"))
                .containsExactly("1.0", "latest", "nightly");
        assertThat(BakeImageStep.DescriptorImpl.buildArgsOf("\nA=1\r\n\n B =x=y\n"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"));
    }

    @Test
    void aBuildArgumentLineWithoutNameIsAFormError() {
        assertThatThrownBy(() -> BakeImageStep.DescriptorImpl.buildArgsOf("A=1\njust text\n"))
                .isInstanceOf(FormException.class)
                .hasMessage(Messages.BakeImageStep_BuildArgLine("just text"));
        assertThatThrownBy(() -> BakeImageStep.DescriptorImpl.buildArgsOf("=value"))
                .isInstanceOf(FormException.class);
    }
}
