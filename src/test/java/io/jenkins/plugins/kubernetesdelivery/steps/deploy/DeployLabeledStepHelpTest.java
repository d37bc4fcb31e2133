package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Every argument of deployLabeled and of its verify: has a help file and an entry in the Snippet Generator's form. */
class DeployLabeledStepHelpTest {

    /**
     * The data-bound properties of {@code type}: the constructor's parameters ({@code constructorArgs}: their names are
     * not in the class files), then the setters.
     */
    static List<String> properties(Class<?> type, String... constructorArgs) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                assertThat(c.getParameterCount())
                        .as("constructor arguments of " + type)
                        .isEqualTo(constructorArgs.length);
                names.addAll(List.of(constructorArgs));
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String n = m.getName().substring(3);
                names.add(n.substring(0, 1).toLowerCase(Locale.ROOT) + n.substring(1));
            }
        }
        return names;
    }

    private static String resource(Class<?> type, String name) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/" + name)) {
            assertThat(in).as(type.getSimpleName() + "/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStepHasEveryArgumentOfTheDesign() {
        assertThat(properties(DeployLabeledStep.class, "app"))
                .containsExactlyInAnyOrder(
                        "app",
                        "environment",
                        "cluster",
                        "namespace",
                        "image",
                        "images",
                        "manifests",
                        "service",
                        "services",
                        "schemaVersion",
                        "verify",
                        "keep",
                        "timeout",
                        "allowTags",
                        "unpin",
                        "force",
                        "port",
                        "replicas");
        assertThat(properties(Verify.class, "image", "command")).containsExactlyInAnyOrder("image", "command");
    }

    @Test
    void everyArgumentHasHelpAndAFormEntry() throws IOException {
        for (Class<?> type : List.of(DeployLabeledStep.class, Verify.class)) {
            List<String> fields = type == Verify.class ? properties(type, "image", "command") : properties(type, "app");
            String config = resource(type, "config.jelly");
            assertThat(config).startsWith("<?jelly escape-by-default='true'?>");
            assertThat(resource(type, "help.html")).startsWith("<div>");
            for (String field : fields) {
                assertThat(resource(type, "help-" + field + ".html"))
                        .as(field)
                        .startsWith("<div>")
                        .endsWith("</div>\n");
                assertThat(config).as(field).contains("field=\"" + field + "\"");
            }
        }
    }
}
