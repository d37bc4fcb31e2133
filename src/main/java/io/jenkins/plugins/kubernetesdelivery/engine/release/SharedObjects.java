package io.jenkins.plugins.kubernetesdelivery.engine.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared objects of one deploy: the manifests' objects outside the versioned release (ConfigMaps and Secrets no
 * Deployment references, Ingresses, autoscalers, ...). Missing ones are created with the release, before the rollout;
 * the others change only after the switch, and only when their rendered content differs from what the app last
 * applied: the history's newest deploy records a hash of each shared object it left applied
 * ({@link ReleaseHistory#sharedApplied()}). An unchanged object costs one GET (is it still there?) and nothing else;
 * {@code force} applies every one. Followers of the live release name the release in their content, so they change
 * with every release and are always applied.
 */
final class SharedObjects {

    /** Hex digits kept of each object's SHA-256: enough to tell a change, small in the history. */
    static final int HASH_LENGTH = 16;

    private final OperationContext ctx;
    private final List<GenericKubernetesResource> objects;
    private final Map<String, String> recorded;
    private final Map<String, String> hashes = new LinkedHashMap<>();
    /** Objects this deploy knows to be applied with their current hash: unchanged and present, or created now. */
    private final Set<String> current = new HashSet<>();
    /** Objects found present and unchanged by {@link #missing}: no request after the switch. */
    private final List<String> skipped = new ArrayList<>();
    /** Whether this run looked each object up ({@link #missing}); a deploy resumed later applies every one. */
    private boolean looked;

    /**
     * @param objects the rendered shared objects ({@code RenderedRelease.others()})
     * @param applied what the app last applied ({@link ReleaseHistory#sharedApplied()})
     * @param force whether to apply every object whatever was applied before
     */
    SharedObjects(
            OperationContext ctx, List<GenericKubernetesResource> objects, Map<String, String> applied, boolean force) {
        this.ctx = ctx;
        this.objects = objects;
        this.recorded = force ? Map.of() : applied;
        for (GenericKubernetesResource o : objects) {
            o.getMetadata().setNamespace(ctx.namespace());
            hashes.put(key(o), hash(o));
        }
    }

    /** {@code Kind/name}: the key of an object in the history. */
    static String key(GenericKubernetesResource o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }

    /** The first {@link #HASH_LENGTH} hex digits of the SHA-256 of the object's JSON, map keys sorted. */
    static String hash(GenericKubernetesResource o) {
        try {
            Object tree = Serialization.jsonMapper().convertValue(o, Map.class);
            byte[] json = Serialization.jsonMapper()
                    .writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(tree)
                    .getBytes(StandardCharsets.UTF_8);
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(json)) {
                hex.append(String.format("%02x", b));
            }
            return hex.substring(0, HASH_LENGTH);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the object's rendered content is what the app last applied. */
    private boolean unchanged(GenericKubernetesResource o) {
        return hashes.get(key(o)).equals(recorded.get(key(o)));
    }

    /** Read only, no request: the objects whose content changed since the app last applied them (to dry run). */
    List<GenericKubernetesResource> changed() {
        return objects.stream().filter(o -> !unchanged(o)).toList();
    }

    /**
     * One GET per object: those that do not exist (to create with the release, before the rollout); their
     * descriptions go to {@code created}. An unchanged object that exists is left as it is.
     */
    List<GenericKubernetesResource> missing(List<String> created) {
        looked = true;
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (GenericKubernetesResource o : objects) {
            if (ctx.client().resource(o).get() == null) {
                out.add(o);
                created.add(o.getKind() + " " + ctx.namespace() + "/"
                        + o.getMetadata().getName());
                current.add(key(o));
            } else if (unchanged(o)) {
                skipped.add(o.getKind() + " " + ctx.namespace() + "/"
                        + o.getMetadata().getName());
                current.add(key(o));
            }
        }
        return out;
    }

    /**
     * After the switch: applies the objects not created or found unchanged by {@link #missing} (every one when this
     * run did not look them up: a resumed deploy). Returns why an apply failed, or {@code null}.
     */
    String applyChanged() {
        List<GenericKubernetesResource> apply = objects.stream()
                .filter(o -> !looked || !current.contains(key(o)))
                .toList();
        if (looked && !skipped.isEmpty()) {
            ctx.progress()
                    .line("shared objects of " + ctx.appName() + " unchanged since last applied: "
                            + ObjectApplier.names(skipped));
        }
        if (apply.isEmpty()) {
            return null;
        }
        ctx.progress().line("applying " + apply.size() + " shared objects of " + ctx.appName());
        try {
            ObjectApplier.apply(ctx.client(), ctx.namespace(), apply);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        apply.forEach(o -> current.add(key(o)));
        return null;
    }

    /**
     * What to record with the deploy: the hash of each object known to be applied as rendered. One whose apply failed
     * (or was not attempted) is left out, so that the next deploy applies it again.
     */
    Map<String, String> applied() {
        Map<String, String> out = new LinkedHashMap<>(hashes);
        out.keySet().retainAll(current);
        return out;
    }
}
