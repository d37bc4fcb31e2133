package io.jenkins.plugins.kubernetesdelivery;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.archfixture.PrintsStepName;
import io.jenkins.plugins.kubernetesdelivery.engine.archfixture.UsesRun;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.archfixture.UsesImageAndRelease;
import io.jenkins.plugins.kubernetesdelivery.engine.image.archfixture.UsesRelease;
import io.jenkins.plugins.kubernetesdelivery.engine.release.archfixture.UsesImage;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.archfixture.UsesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.archfixture.UsesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine knows nothing of Jenkins: that is what lets it run, and be tested, outside Jenkins. Inside it, image and
 * release do not know each other, and cluster (what both share) knows neither.
 */
class ArchitectureTest {

    /** The step names: the step layer prefixes the engine's lines with them, the engine never writes one. */
    static final List<String> STEP_NAMES = List.of("bakeImage", "deployLabeled", "rollbackTo", "approveFor");

    static final String ENGINE = "io.jenkins.plugins.kubernetesdelivery.engine..";
    static final String IMAGE = "io.jenkins.plugins.kubernetesdelivery.engine.image..";
    static final String RELEASE = "io.jenkins.plugins.kubernetesdelivery.engine.release..";
    static final String CLUSTER = "io.jenkins.plugins.kubernetesdelivery.engine.cluster..";
    static final String RENDER = "io.jenkins.plugins.kubernetesdelivery.engine.release.render..";

    static final ArchRule ENGINE_HAS_NO_JENKINS_TYPES = noClasses()
            .that()
            .resideInAPackage(ENGINE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..")
            .because("the engine must run and be tested without Jenkins; the Jenkins layer translates");

    static final ArchRule IMAGE_DOES_NOT_USE_RELEASE = noClasses()
            .that()
            .resideInAPackage(IMAGE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(RELEASE)
            .because("bake and release are separate engines; what they share lives in engine.cluster");

    static final ArchRule RELEASE_DOES_NOT_USE_IMAGE = noClasses()
            .that()
            .resideInAPackage(RELEASE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(IMAGE)
            .because("bake and release are separate engines; what they share lives in engine.cluster");

    static final ArchRule CLUSTER_USES_NEITHER_IMAGE_NOR_RELEASE = noClasses()
            .that()
            .resideInAPackage(CLUSTER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IMAGE, RELEASE)
            .because("engine.cluster holds what image and release share, so it cannot depend on them");

    static final ArchRule RENDER_IS_PURE = noClasses()
            .that()
            .resideInAPackage(RENDER)
            .should()
            .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.fabric8.kubernetes.client..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(Serialization.class))))
            .because("rendering turns a request into objects without the cluster; of the client it may use only"
                    + " utils.Serialization, to map between YAML, JSON and the model");

    /** The plugin's main classes, imported once for every rule. */
    private static final class Main {
        static final JavaClasses CLASSES = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.kubernetesdelivery");
    }

    private static JavaClasses engine() {
        JavaClasses engine = Main.CLASSES.that(JavaClass.Predicates.resideInAPackage(ENGINE));
        assertThat(engine).as("engine classes found on the class path").isNotEmpty();
        return engine;
    }

    @Test
    void engineDependsOnNoJenkinsType() {
        engine();
        ENGINE_HAS_NO_JENKINS_TYPES.check(Main.CLASSES);
    }

    /** The rule is not vacuous: an engine class that uses hudson.model.Run breaks it. */
    @Test
    void ruleCatchesAnEngineClassUsingRun() {
        JavaClasses bad = new ClassFileImporter().importClasses(UsesRun.class);
        assertThatThrownBy(() -> ENGINE_HAS_NO_JENKINS_TYPES.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("hudson.model.Run");
    }

    @Test
    void engineTextNamesNoStep() {
        assertThat(stepNamesIn(engine()))
                .as("engine classes whose constants name a step")
                .isEmpty();
    }

    /** The check is not vacuous: an engine class that prints "bakeImage: …" is found. */
    @Test
    void stepNameCheckCatchesAPrefixedLine() {
        JavaClasses bad = new ClassFileImporter().importClasses(PrintsStepName.class);
        assertThat(stepNamesIn(bad))
                .containsExactly("io.jenkins.plugins.kubernetesdelivery.engine.archfixture.PrintsStepName: bakeImage");
    }

    @Test
    void imageAndReleaseDoNotDependOnEachOtherAndClusterOnNeither() {
        JavaClasses engine = engine();
        assertThat(engine.that(JavaClass.Predicates.resideInAPackage(CLUSTER)))
                .as("cluster classes")
                .isNotEmpty();
        IMAGE_DOES_NOT_USE_RELEASE.check(engine);
        RELEASE_DOES_NOT_USE_IMAGE.check(engine);
        CLUSTER_USES_NEITHER_IMAGE_NOR_RELEASE.check(engine);
    }

    /** The rules are not vacuous: a class of each package that uses the forbidden one breaks its rule. */
    @Test
    void packageRulesCatchTheForbiddenDependencies() {
        assertThatThrownBy(() ->
                        IMAGE_DOES_NOT_USE_RELEASE.check(new ClassFileImporter().importClasses(UsesRelease.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReleaseEngine");
        assertThatThrownBy(
                        () -> RELEASE_DOES_NOT_USE_IMAGE.check(new ClassFileImporter().importClasses(UsesImage.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ImageBaker");
        assertThatThrownBy(() -> CLUSTER_USES_NEITHER_IMAGE_NOR_RELEASE.check(
                        new ClassFileImporter().importClasses(UsesImageAndRelease.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ImageBaker")
                .hasMessageContaining("ReleaseEngine");
    }

    @Test
    void renderingUsesNoClusterClient() {
        JavaClasses engine = engine();
        assertThat(engine.that(JavaClass.Predicates.resideInAPackage(RENDER)))
                .as("render classes")
                .isNotEmpty();
        RENDER_IS_PURE.check(engine);
    }

    /** The rule is not vacuous: a render class that reads the cluster breaks it; one using Serialization does not. */
    @Test
    void renderRuleCatchesAClientAndAllowsSerialization() {
        assertThatThrownBy(() -> RENDER_IS_PURE.check(new ClassFileImporter().importClasses(UsesClient.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KubernetesClient");
        RENDER_IS_PURE.check(new ClassFileImporter().importClasses(UsesSerialization.class));
    }

    /** "class: step" for every step name in the constant pool of a class (its string literals, among others). */
    static List<String> stepNamesIn(JavaClasses classes) {
        List<String> found = new ArrayList<>();
        for (JavaClass c : classes) {
            URI uri = c.getSource()
                    .orElseThrow(() -> new IllegalStateException("no class file for " + c))
                    .getUri();
            String constants;
            try (InputStream in = uri.toURL().openStream()) {
                constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            STEP_NAMES.stream().filter(constants::contains).forEach(step -> found.add(c.getName() + ": " + step));
        }
        return found;
    }
}
