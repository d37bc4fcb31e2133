package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * Audit D-23, the part that runs here: every web method of the plugin ({@code doCheck…}, {@code doFill…},
 * {@code doTestConnection}…) answers POST only and checks a permission before it answers, directly or through a
 * private helper of its class. The *JenkinsTests (root build only) show what each answers without the permission.
 */
class WebEndpointsTest {

    private static final Set<String> PERMISSION_CHECKS = Set.of("hasPermission", "checkPermission");

    static List<JavaMethod> endpoints(JavaClasses classes) {
        List<JavaMethod> endpoints = new ArrayList<>();
        classes.forEach(c -> c.getMethods().stream()
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(m -> m.getName().matches("do[A-Z].*"))
                .forEach(endpoints::add));
        return endpoints;
    }

    /** The endpoints without {@code @POST} or without a permission check, as {@code Class.method: what}. */
    static List<String> problems(JavaClasses classes) {
        List<String> problems = new ArrayList<>();
        for (JavaMethod m : endpoints(classes)) {
            String name = m.getOwner().getSimpleName() + "." + m.getName();
            if (!m.isAnnotatedWith(POST.class)) {
                problems.add(name + ": no @POST");
            }
            if (!checksPermission(m, 2)) {
                problems.add(name + ": no permission check");
            }
        }
        return problems;
    }

    private static boolean checksPermission(JavaMethod m, int depth) {
        for (JavaMethodCall call : m.getMethodCallsFromSelf()) {
            if (PERMISSION_CHECKS.contains(call.getTarget().getName())) {
                return true;
            }
            if (depth > 0 && call.getTargetOwner().equals(m.getOwner())) {
                for (JavaMethod helper :
                        call.getTarget().resolveMember().stream().toList()) {
                    if (helper.getModifiers().contains(JavaModifier.PRIVATE) && checksPermission(helper, depth - 1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void everyWebMethodIsPostOnlyAndChecksAPermission() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.kubernetesdelivery");
        assertThat(endpoints(main))
                .extracting(JavaMethod::getName)
                .contains("doTestConnection", "doFillEnvironmentItems", "doCheckServerUrl", "doFillBuilderItems");
        assertThat(problems(main)).isEmpty();
    }

    /** The check is not vacuous: an endpoint without either is found. */
    @Test
    void anOpenEndpointIsFound() {
        JavaClasses bad = new ClassFileImporter().importClasses(Open.class, Guarded.class);
        assertThat(problems(bad))
                .containsExactly("Open.doCheckThing: no @POST", "Open.doCheckThing: no permission check");
    }

    static final class Open {
        public String doCheckThing(String value) {
            return value;
        }
    }

    static final class Guarded {
        @POST
        public String doCheckThing(String value) {
            return admin() ? value : "";
        }

        private static boolean admin() {
            return jenkins.model.Jenkins.get().hasPermission(jenkins.model.Jenkins.ADMINISTER);
        }
    }
}
