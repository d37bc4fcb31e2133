package io.jenkins.plugins.kubernetesdelivery;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The engine knows nothing of Jenkins: that is what lets it run, and be tested, outside Jenkins. */
class ArchitectureTest {

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
}
