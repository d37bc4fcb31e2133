package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import io.jenkins.plugins.kubernetesdelivery.BuilderPodSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.image.Bake;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuildIdentity;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ContextSource;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The step's fields, the builder defaults of the global configuration and the build's identity, mapped to the
 * engine's {@link BakeRequest}, with every problem the step layer finds. Pure: no Jenkins lookups, no I/O.
 *
 * <p>Build arguments end up in the builder pod's spec (its argv), readable by anyone who may read pods in the
 * builder namespace: they are bounded here and stripped of control characters (a trailing newline from
 * {@code sh(returnStdout: true)} is the usual one), and the help says never to pass secrets through them.
 *
 * @param request the engine request (its own checks come with {@link #problems()})
 * @param stepProblems what the step layer refuses before the engine looks: bounds and the timeout's unit
 */
record BakeInputs(BakeRequest request, List<String> stepProblems) {

    static final int MAX_BUILD_ARGS = 64;
    static final int MAX_BUILD_ARG_NAME = 128;
    static final int MAX_BUILD_ARG_VALUE = 4096;
    static final int MAX_TAGS = 32;
    static final int MAX_TIMEOUT_MINUTES = (int) Duration.ofDays(1).toMinutes();

    BakeInputs {
        stepProblems = List.copyOf(stepProblems);
    }

    /**
     * Maps a step to its request.
     *
     * @param builder the builder defaults of the global configuration
     * @param namespace the builder namespace: the defaults' one, else the target's (resolved by the caller, which
     *     may have to ask the client for the credentials' default namespace)
     * @param bakeId the bake's id, drawn by the caller so it can be saved before anything is created
     */
    static BakeInputs of(
            BakeImageStep step,
            BuilderPodSettings builder,
            String namespace,
            BuildIdentity identity,
            RegistryCredentials credentials,
            String bakeId) {
        List<String> problems = new ArrayList<>();
        if (step.getTags().size() > MAX_TAGS) {
            problems.add("tags has " + step.getTags().size() + " entries; at most " + MAX_TAGS + " are allowed");
        }
        int timeout = step.getTimeout();
        if (timeout < 1 || timeout > MAX_TIMEOUT_MINUTES) {
            problems.add("timeout " + timeout + " must be a whole number of minutes from 1 to " + MAX_TIMEOUT_MINUTES);
        }
        BakeRequest request = BakeRequest.builder(step.getRepository())
                .context(step.getContext())
                .dockerfile(step.getDockerfile())
                .tags(step.getTags())
                .buildArgs(buildArgs(step.getBuildArgs(), problems))
                .target(step.getTarget())
                .platform(step.getPlatform())
                .cache(step.isCache())
                .credentials(credentials)
                .builder(step.getBuilder() != null ? step.getBuilder() : builder.builder())
                .images(builder.images())
                .namespace(namespace)
                .requests(builder.requests())
                .limits(builder.limits())
                .nodeSelector(builder.nodeSelector())
                .tolerations(builder.tolerations())
                .serviceAccount(builder.serviceAccount())
                .timeout(Duration.ofMinutes(Math.max(1, Math.min(timeout, MAX_TIMEOUT_MINUTES))))
                .identity(identity)
                .bakeId(bakeId)
                .build();
        return new BakeInputs(request, problems);
    }

    /** The same inputs, the builder pod carrying {@code labels} besides its own (a test's kwok Stage label). */
    BakeInputs withPodLabels(Map<String, String> labels) {
        return labels.isEmpty()
                ? this
                : new BakeInputs(request.toBuilder().extraLabels(labels).build(), stepProblems);
    }

    /** The build arguments without control characters, in order; a problem for each bound that is exceeded. */
    static Map<String, String> buildArgs(Map<String, String> args, List<String> problems) {
        if (args.size() > MAX_BUILD_ARGS) {
            problems.add("buildArgs has " + args.size() + " entries; at most " + MAX_BUILD_ARGS + " are allowed");
        }
        Map<String, String> clean = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : args.entrySet()) {
            String name = a.getKey();
            if (name.length() > MAX_BUILD_ARG_NAME) {
                problems.add("buildArgs name '" + name.substring(0, 32) + "…' is longer than " + MAX_BUILD_ARG_NAME
                        + " characters");
            }
            if (a.getValue() == null) {
                problems.add("buildArgs." + name + " has no value; give it a string");
                continue;
            }
            String value = withoutControlCharacters(a.getValue());
            if (value.length() > MAX_BUILD_ARG_VALUE) {
                problems.add("buildArgs." + name + " is " + value.length() + " characters long; at most "
                        + MAX_BUILD_ARG_VALUE + " are allowed");
            }
            clean.put(name, value);
        }
        return clean;
    }

    static String withoutControlCharacters(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isISOControl(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Every problem: the step layer's, then the engine's checks of the request (the context comes later). */
    List<String> problems() {
        return withEngines(request.validate());
    }

    /** The step's problems, then the engine's that the step did not already name (both bound build arguments). */
    private List<String> withEngines(List<String> engineProblems) {
        List<String> all = new ArrayList<>(stepProblems);
        for (String p : engineProblems) {
            if (!stepProblems.contains(p)) {
                all.add(p);
            }
        }
        return all;
    }

    /**
     * Prepares the bake: the engine checks the request together with the scanned context (and its size), and the
     * step layer's problems join the engine's, so a Pipeline author sees every problem at once. Creates nothing.
     *
     * @throws DeliveryException (invalid) with every problem
     */
    Bake prepare(ImageBaker baker, ContextSource context, ProgressListener listener) {
        Bake bake;
        try {
            bake = baker.prepare(request, context, listener);
        } catch (DeliveryException e) {
            if (stepProblems.isEmpty() || e.problems().isEmpty()) {
                throw e;
            }
            throw DeliveryException.invalid(what(), withEngines(e.problems()));
        }
        if (!stepProblems.isEmpty()) {
            throw DeliveryException.invalid(what(), stepProblems);
        }
        return bake;
    }

    private String what() {
        return "the bake request for " + request.repository();
    }
}
