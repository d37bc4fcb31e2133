package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds fields a typed fabric8 model did not recognise (they land in its additional properties): a typo such as
 * {@code replicass} in a Deployment is reported locally instead of by the API server half-way through a deploy.
 */
final class UnknownFields {

    private static final String MODEL = "io.fabric8.kubernetes.api.model";

    private UnknownFields() {}

    static void find(Object model, String path, List<String> out) {
        if (model == null) {
            return;
        }
        if (model instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                find(list.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!model.getClass().getName().startsWith(MODEL)) {
            return;
        }
        // in name order: getMethods() has none, and the problems should read the same on every run
        Method[] methods = model.getClass().getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.getParameterCount() != 0
                    || !m.getName().startsWith("get")
                    || Modifier.isStatic(m.getModifiers())
                    || m.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> out.add(path.isEmpty() ? k.toString() : path + "." + k));
                }
            } else if (value instanceof List<?>
                    || (value != null
                            && value.getClass().getName().startsWith(MODEL)
                            && !(value instanceof io.fabric8.kubernetes.api.model.ObjectMeta))) {
                String name = Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4);
                find(value, path.isEmpty() ? name : path + "." + name, out);
            }
        }
    }
}
