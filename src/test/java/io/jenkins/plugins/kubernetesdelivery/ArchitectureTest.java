package io.jenkins.plugins.kubernetesdelivery;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine knows nothing of Jenkins: that is what lets it run, and be tested, outside Jenkins. */
class ArchitectureTest {

    /** The step names: the step layer prefixes the engine's lines with them, the engine never writes one. */
    static final List<String> STEP_NAMES = List.of("bakeImage", "deployLabeled", "rollbackTo", "approveFor");

    static final String ENGINE = "io.jenkins.plugins.kubernetesdelivery.engine..";

    static final ArchRule ENGINE_HAS_NO_JENKINS_TYPES = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat()
            .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..")
            .because("the engine must run and be tested without Jenkins; the Jenkins layer translates");

    @Test
    void engineDependsOnNoJenkinsType() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.kubernetesdelivery");
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("io.jenkins.plugins.kubernetesdelivery.engine")))
                .as("engine classes found on the class path")
                .isNotEmpty();
        ENGINE_HAS_NO_JENKINS_TYPES.check(classes);
    }

    /** The rule is not vacuous: an engine class that uses hudson.model.Run breaks it. */
    @Test
    void ruleCatchesAnEngineClassUsingRun() {
        JavaClasses bad = new ClassFileImporter().importClasses(io.jenkins.plugins.kubernetesdelivery.engine.archfixture.UsesRun.class);
        assertThatThrownBy(() -> ENGINE_HAS_NO_JENKINS_TYPES.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("hudson.model.Run");
    }

    @Test
    void engineTextNamesNoStep() {
        JavaClasses engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.kubernetesdelivery.engine");
        assertThat(engine).as("engine classes found on the class path").isNotEmpty();
        assertThat(stepNamesIn(engine)).as("engine classes whose constants name a step").isEmpty();
    }

    /** The check is not vacuous: an engine class that prints "bakeImage: …" is found. */
    @Test
    void stepNameCheckCatchesAPrefixedLine() {
        JavaClasses bad = new ClassFileImporter().importClasses(
                io.jenkins.plugins.kubernetesdelivery.engine.archfixture.PrintsStepName.class);
        assertThat(stepNamesIn(bad)).containsExactly(
                "io.jenkins.plugins.kubernetesdelivery.engine.archfixture.PrintsStepName: bakeImage");
    }

    /** "class: step" for every step name in the constant pool of a class (its string literals, among others). */
    static List<String> stepNamesIn(JavaClasses classes) {
        List<String> found = new ArrayList<>();
        for (JavaClass c : classes) {
            URI uri = c.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + c)).getUri();
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
