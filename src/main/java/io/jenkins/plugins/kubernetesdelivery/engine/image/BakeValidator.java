package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Quantity;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a {@link BakeRequest} completely before any request reaches the cluster, collecting every problem. */
public final class BakeValidator {

    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    /** Bounds of the build arguments, which end up in the builder pod's argv (audit D-10). */
    public static final int MAX_BUILD_ARGS = 64;

    public static final int MAX_BUILD_ARG_NAME = 128;
    public static final int MAX_BUILD_ARG_VALUE = 4096;
    static final Set<String> BUILDERS = Set.of(BakeRequest.BUILDKIT, BakeRequest.KANIKO);
    private static final Set<String> RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Pattern BUILD_ARG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");
    private static final Pattern BAKE_ID = Pattern.compile("[a-z0-9]{1,20}");

    private BakeValidator() {}

    /**
     * Build arguments: at most {@value #MAX_BUILD_ARGS}, names of the {@code ARG} grammar up to
     * {@value #MAX_BUILD_ARG_NAME} characters, values up to {@value #MAX_BUILD_ARG_VALUE} characters without control
     * characters. Values may be tokens: a problem never quotes one.
     */
    private static void checkBuildArgs(Map<String, String> args, List<String> problems) {
        if (args.size() > MAX_BUILD_ARGS) {
            problems.add("buildArgs has " + args.size() + " entries; at most " + MAX_BUILD_ARGS + " are allowed");
        }
        for (Map.Entry<String, String> a : args.entrySet()) {
            String name = a.getKey() == null ? "" : a.getKey();
            String shown = name.length() > 32 ? name.substring(0, 32) + "…" : name;
            if (!BUILD_ARG.matcher(name).matches()) {
                problems.add("buildArgs name '" + BuildContext.printable(shown) + "' must be a letter or '_' followed"
                        + " by letters, digits or '_'");
                continue;
            }
            if (name.length() > MAX_BUILD_ARG_NAME) {
                problems.add("buildArgs name '" + shown + "' is longer than " + MAX_BUILD_ARG_NAME + " characters");
                continue;
            }
            String value = a.getValue();
            if (value == null) {
                problems.add("buildArgs." + name + " has no value; give it a string");
            } else if (value.codePoints().anyMatch(Character::isISOControl)) {
                problems.add("buildArgs." + name + " must not contain control characters (a newline, an escape"
                        + " sequence…); its value is not shown");
            } else if (value.length() > MAX_BUILD_ARG_VALUE) {
                problems.add("buildArgs." + name + " is " + value.length() + " characters long; at most "
                        + MAX_BUILD_ARG_VALUE + " are allowed");
            }
        }
    }

    /**
     * Every problem of the request that can be found without the workspace or the cluster, each naming the input and
     * the rule (never a credential's value); empty when there is none.
     */
    public static List<String> validate(BakeRequest r) {
        List<String> problems = new ArrayList<>();
        check(problems, "repository", r.repository(), ImageRef.checkRepository(r.repository()));
        List<String> tags = r.tags();
        for (int i = 0; i < tags.size(); i++) {
            check(problems, "tags[" + i + "]", tags.get(i), ImageRef.checkTag(tags.get(i)));
        }
        checkBuildArgs(r.buildArgs(), problems);
        if (r.target() != null && !STAGE.matcher(r.target()).matches()) {
            problems.add("target '" + r.target() + "' must be a stage name: a letter, then letters, digits, '_', '.'"
                    + " or '-'");
        }
        if (r.platform() != null && !PLATFORM.matcher(r.platform()).matches()) {
            problems.add("platform '" + r.platform() + "' must be os/arch[/variant], e.g. linux/arm64");
        }
        if (r.cache()) {
            check(
                    problems,
                    "cacheRepository",
                    r.effectiveCacheRepository(),
                    ImageRef.checkRepository(r.effectiveCacheRepository()));
        }
        if (!BUILDERS.contains(r.builder())) {
            problems.add("builder '" + r.builder() + "' is not a known builder; use 'buildkit' or 'kaniko'");
        }
        r.images().check().forEach(p -> problems.add("builder images " + p));
        check(problems, "namespace", r.namespace(), KubernetesNames.checkDns1123Label(r.namespace()));
        resources(problems, "requests", r.requests());
        resources(problems, "limits", r.limits());
        for (Map.Entry<String, String> e : r.nodeSelector().entrySet()) {
            check(problems, "nodeSelector key", e.getKey(), KubernetesNames.checkQualifiedName(e.getKey()));
            check(problems, "nodeSelector." + e.getKey(), e.getValue(), KubernetesNames.checkLabelValue(e.getValue()));
        }
        for (Map.Entry<String, String> e : r.extraLabels().entrySet()) {
            check(problems, "labels key", e.getKey(), KubernetesNames.checkQualifiedName(e.getKey()));
            check(problems, "labels." + e.getKey(), e.getValue(), KubernetesNames.checkLabelValue(e.getValue()));
            if (e.getKey().startsWith(DeliveryLabels.PREFIX)
                    || e.getKey().startsWith(DeliveryLabels.KUBERNETES_PREFIX)) {
                problems.add("labels key '" + e.getKey() + "' is reserved for the bake's own labels");
            }
        }
        if (r.serviceAccount() != null) {
            check(
                    problems,
                    "serviceAccount",
                    r.serviceAccount(),
                    KubernetesNames.checkDns1123Subdomain(r.serviceAccount()));
        }
        if (r.timeout().isNegative()
                || r.timeout().toSeconds() < 1
                || r.timeout().compareTo(MAX_TIMEOUT) > 0) {
            problems.add("timeout must be between 1 second and " + MAX_TIMEOUT.toHours() + " hours (is " + r.timeout()
                    + ")");
        }
        if (r.bakeId() != null && !BAKE_ID.matcher(r.bakeId()).matches()) {
            problems.add("bakeId '" + r.bakeId() + "' must be 1 to 20 lowercase letters or digits");
        }
        r.credentials().check().ifPresent(problems::add);
        return problems;
    }

    private static void check(List<String> problems, String input, String value, Optional<String> rule) {
        rule.ifPresent(broken -> problems.add(input + " '" + (value == null ? "" : value) + "' " + broken));
    }

    private static void resources(List<String> problems, String input, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!RESOURCES.contains(e.getKey())) {
                problems.add(input + " name '" + e.getKey() + "' must be one of cpu, memory, ephemeral-storage");
                continue;
            }
            try {
                Quantity.getAmountInBytes(new Quantity(e.getValue()));
            } catch (RuntimeException x) {
                problems.add(input + "." + e.getKey() + " '" + e.getValue() + "' is not a quantity (e.g. 500m, 2,"
                        + " 4Gi)");
            }
        }
    }
}
