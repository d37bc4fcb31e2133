package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels.PREFIX;

import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and annotations that identify a builder pod and its Secret, and the names derived from the bake id. The
 * keys every object of the plugin shares are in {@link DeliveryLabels}.
 */
public final class BakeLabels {

    /** The value of {@link DeliveryLabels#COMPONENT} on builder pods and their Secrets. */
    public static final String COMPONENT_VALUE = "image-builder";

    public static final String BAKE = PREFIX + "bake";
    public static final String BUILDER = PREFIX + "builder";
    public static final String JOB = PREFIX + "job";
    public static final String BUILD_NUMBER = PREFIX + "build-number";
    public static final String REPOSITORY = PREFIX + "repository";
    public static final String TAGS = PREFIX + "tags";

    private BakeLabels() {}

    public static String podName(String bakeId) {
        return "bake-" + bakeId;
    }

    public static String secretName(String bakeId) {
        return "bake-" + bakeId + "-registry";
    }

    /** The labels every object of a bake carries; select by {@link #BAKE} to find them again. */
    public static Map<String, String> labels(BakeRequest r) {
        Map<String, String> l = new LinkedHashMap<>(new java.util.TreeMap<>(r.extraLabels()));
        l.put(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER);
        l.put(DeliveryLabels.COMPONENT, COMPONENT_VALUE);
        l.put(BAKE, r.bakeId());
        l.put(BUILDER, r.builder());
        if (!r.identity().job().isEmpty()) {
            l.put(JOB, labelValue(r.identity().job()));
        }
        if (r.identity().buildNumber() > 0) {
            l.put(BUILD_NUMBER, Integer.toString(r.identity().buildNumber()));
        }
        return l;
    }

    /** The annotations with the full, unsanitised identity of the build. */
    public static Map<String, String> annotations(BakeRequest r) {
        Map<String, String> a = new LinkedHashMap<>();
        if (!r.identity().job().isEmpty()) {
            a.put(JOB, r.identity().job());
        }
        if (r.identity().buildUrl() != null) {
            a.put(DeliveryLabels.BUILD_URL, r.identity().buildUrl());
        }
        a.put(REPOSITORY, r.repository());
        a.put(TAGS, String.join(",", r.tags()));
        return a;
    }

    /** A valid label value for any text: invalid characters become '-', too long values end in a stable hash. */
    public static String labelValue(String text) {
        String v = text.replaceAll("[^A-Za-z0-9_.-]", "-");
        boolean changed = !v.equals(text);
        if (v.length() > 63 || (changed && v.length() > 52)) {
            v = v.substring(0, 52) + "-" + hash(text);
        }
        v = v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return v;
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
