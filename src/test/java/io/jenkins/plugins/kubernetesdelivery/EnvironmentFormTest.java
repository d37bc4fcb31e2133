package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/** Every field of an environment is on its form, with help; the form runs only in the root build. */
class EnvironmentFormTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = Environment.class.getResourceAsStream("Environment/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> fields() {
        List<String> fields = new ArrayList<>(List.of("name", "cluster"));
        for (Method m : Environment.class.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String property = m.getName().substring(3);
                fields.add(property.substring(0, 1).toLowerCase(Locale.ROOT) + property.substring(1));
            }
        }
        return fields;
    }

    @Test
    void everyFieldHasAnEntryAndHelp() throws IOException {
        String form = resource("config.jelly");
        assertThat(form).startsWith("<?jelly escape-by-default='true'?>");
        assertThat(fields()).contains("allowClusterScoped").allSatisfy(field -> {
            assertThat(form).as(field).contains("field=\"" + field + "\"");
            assertThat(resource("help-" + field + ".html"))
                    .as("help-" + field + ".html")
                    .isNotBlank();
        });
    }
}
