package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations that identify a builder pod and its Secret, and the names derived from the bake id. */
public final class BakeLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "kubernetes-delivery";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String COMPONENT_VALUE = "image-builder";
    public static final String BAKE = "delivery.jenkins.io/bake";
    public static final String BUILDER = "delivery.jenkins.io/builder";
    public static final String JOB = "delivery.jenkins.io/job";
    public static final String BUILD_NUMBER = "delivery.jenkins.io/build-number";
    public static final String BUILD_URL = "delivery.jenkins.io/build-url";
    public static final String REPOSITORY = "delivery.jenkins.io/repository";
    public static final String TAGS = "delivery.jenkins.io/tags";

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
        l.put(MANAGED_BY, MANAGED_BY_VALUE);
        l.put(COMPONENT, COMPONENT_VALUE);
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
            a.put(BUILD_URL, r.identity().buildUrl());
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
