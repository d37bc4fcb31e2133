package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Conflicts;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads and writes the ConfigMap {@code <app>-releases}; every write is a compare-and-set on its resourceVersion.
 * The store remembers the ConfigMap it last read or wrote: a write tries its compare-and-set with it first, and
 * reads the ConfigMap again only when another writer was first (one GET less per write).
 */
final class HistoryStore {

    static final String KEY = "history.json";
    static final int MAX_ATTEMPTS = 5;
    /** The most {@code history.json} may take; a ConfigMap holds at most 1 MiB. */
    static final int MAX_BYTES = 512 * 1024;
    /** Attempts of {@link #updateRetrying}. */
    static final int FINAL_ATTEMPTS = 4;

    private final KubernetesClient client;
    private final String namespace;
    private final String app;
    /** The ConfigMap as this store last read or wrote it ({@code null}: there was none), once {@code readOnce}. */
    private ConfigMap known;

    private boolean readOnce;
    /** The history this store last wrote, {@code null} before its first write. */
    private ReleaseHistory lastWritten;
    /**
     * An operation in flight that the Lease records instead of the history (see {@link ReleaseLease}): the history
     * shows it as {@link ReleaseHistory#current()} while it shows none and has no entry of it.
     */
    private ReleaseHistory.Operation onLease;

    HistoryStore(KubernetesClient client, String namespace, String app) {
        this.client = client;
        this.namespace = namespace;
        this.app = app;
    }

    static String name(String app) {
        return app + "-releases";
    }

    /** The history; empty when the app was never deployed here. */
    ReleaseHistory read() {
        return parse(fetch());
    }

    private ConfigMap fetch() {
        ConfigMap cm =
                client.configMaps().inNamespace(namespace).withName(name(app)).get();
        known = cm;
        readOnce = true;
        return cm;
    }

    /**
     * From now on, {@code op} (recorded in flight on the Lease, not in the history) is this store's operation in
     * flight while the history shows none and no entry of it: its phase changes and its outcome are written as if it
     * had been recorded in flight. {@code null}: none.
     */
    void inFlightOnLease(ReleaseHistory.Operation op) {
        onLease = op;
    }

    /** The resourceVersion of the history as this store last read or wrote it; {@code null} when it cannot tell. */
    String version() {
        return readOnce && known != null ? known.getMetadata().getResourceVersion() : null;
    }

    /** Whether this store wrote the outcome of operation {@code id}: it is no longer in flight, and has its entry. */
    boolean recorded(String id) {
        ReleaseHistory h = lastWritten;
        return h != null
                && h.entryOf(id).isPresent()
                && (h.current() == null || !h.current().id().equals(id));
    }

    private ReleaseHistory parse(ConfigMap cm) {
        ReleaseHistory h = parseRecorded(cm);
        ReleaseHistory.Operation op = onLease;
        return op != null && h.current() == null && h.entryOf(op.id()).isEmpty() ? h.withCurrent(op) : h;
    }

    private ReleaseHistory parseRecorded(ConfigMap cm) {
        if (cm == null || cm.getData() == null || cm.getData().get(KEY) == null) {
            return ReleaseHistory.empty();
        }
        try {
            return Serialization.jsonMapper().readValue(cm.getData().get(KEY), ReleaseHistory.class);
        } catch (java.io.IOException e) {
            throw new ReleaseException(
                    "the history ConfigMap " + namespace + "/" + name(app) + " holds no valid " + KEY + " ("
                            + ApiErrors.oneLine(e.getMessage()) + "); fix or delete it",
                    e);
        }
    }

    /**
     * Applies {@code change} to the current history and writes it, retrying when another writer was first; a change
     * that returns the history it was given writes nothing.
     */
    ReleaseHistory update(UnaryOperator<ReleaseHistory> change) {
        if (readOnce) {
            // first with what this store last saw; another writer was first (409), or it was deleted (404): read again
            try {
                ReleaseHistory next = write(known, change, true);
                if (next != null) {
                    return next;
                }
                // unchanged against what this store last saw: confirmed below against a fresh read
            } catch (KubernetesClientException e) {
                if (!Conflicts.is(e) && e.getCode() != 404) {
                    throw cannotWrite(e);
                }
            }
        }
        return Conflicts.retry(
                MAX_ATTEMPTS,
                () -> {
                    try {
                        return write(fetch(), change, false);
                    } catch (KubernetesClientException e) {
                        throw Conflicts.is(e) ? e : cannotWrite(e);
                    }
                },
                this::cannotWrite);
    }

    /**
     * {@link #update} for the last write of an operation whose switch landed: a failure the API server may not repeat
     * (5xx, 429, no answer) is retried {@link #FINAL_ATTEMPTS} times in all, {@code pause} apart, on top of the
     * client's own retries. {@code change} must be idempotent: an attempt that landed although its answer was lost
     * is read back by the next one. An interrupt stops the retries.
     */
    ReleaseHistory updateRetrying(UnaryOperator<ReleaseHistory> change, Duration pause) {
        for (int n = 1; ; n++) {
            try {
                return update(change);
            } catch (ReleaseException | KubernetesClientException e) {
                if (n >= FINAL_ATTEMPTS
                        || !isTransient(e)
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                try {
                    Thread.sleep(pause.toMillis() * n);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean isTransient(RuntimeException e) {
        KubernetesClientException k = e instanceof KubernetesClientException c
                ? c
                : e.getCause() instanceof KubernetesClientException c ? c : null;
        return k != null && (k.getCode() == 0 || k.getCode() == 429 || k.getCode() >= 500);
    }

    /**
     * The history as it is written: the oldest entries are dropped until its JSON fits in {@link #MAX_BYTES} (the
     * API server refuses a ConfigMap over 1 MiB, which would block every later deploy and rollback of the app).
     */
    static ReleaseHistory bounded(ReleaseHistory h) {
        List<ReleaseHistory.Entry> entries = new ArrayList<>(h.entries());
        ReleaseHistory out = h;
        for (int size = size(out); size > MAX_BYTES; size = size(out)) {
            if (entries.isEmpty()) {
                throw new ReleaseException("the history of the app would take more than " + MAX_BYTES / 1024
                        + " KiB even without entries; its pin or operation in flight holds too much text");
            }
            // drop about the share that is over, at least one entry, oldest first
            int each = Math.max(1, size / (entries.size() + 1));
            int drop = Math.min(entries.size(), Math.max(1, (size - MAX_BYTES) / each));
            entries = new ArrayList<>(entries.subList(0, entries.size() - drop));
            out = new ReleaseHistory(
                    h.format(), h.lastRelease(), h.live(), h.previous(), h.pin(), h.current(), entries);
        }
        return out;
    }

    private static int size(ReleaseHistory h) {
        return json(h).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String json(ReleaseHistory h) {
        try {
            return Serialization.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(h);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code change} applied to the history in {@code cm} by a compare-and-set on its resourceVersion (a create
     * when there is none). A change that returns the history it was given writes nothing: then the result is that
     * history, or {@code null} when {@code cm} is only what this store last saw ({@code remembered}) and must be read
     * again to tell.
     */
    private ReleaseHistory write(ConfigMap cm, UnaryOperator<ReleaseHistory> change, boolean remembered) {
        ReleaseHistory before = parse(cm);
        ReleaseHistory next = change.apply(before);
        if (next == before && cm != null) {
            return remembered ? null : next; // unchanged: nothing to write
        }
        next = bounded(next);
        readOnce = false; // an attempt without an answer may have landed: the next one reads again
        known = cm == null
                ? client.configMaps()
                        .inNamespace(namespace)
                        .resource(toConfigMap(next, null))
                        .create()
                : client.configMaps()
                        .inNamespace(namespace)
                        .resource(toConfigMap(next, cm.getMetadata().getResourceVersion()))
                        .update();
        readOnce = true;
        lastWritten = next;
        return next;
    }

    private ReleaseException cannotWrite(KubernetesClientException e) {
        return new ReleaseException(
                "cannot write the history ConfigMap " + namespace + "/" + name(app) + ": " + ApiErrors.reason(e), e);
    }

    private ConfigMap toConfigMap(ReleaseHistory h, String resourceVersion) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(KEY, json(h));
        // convenience keys for kubectl users; history.json is the source of truth
        data.put("live", h.live() == null ? "" : h.live());
        data.put("previous", h.previous() == null ? "" : h.previous());
        data.put("pinned", h.pin() == null ? "" : h.pin().release());
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(app))
                .withNamespace(namespace)
                .withResourceVersion(resourceVersion)
                .addToLabels(ReleaseLabels.APP, app)
                .addToLabels(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER)
                .endMetadata()
                .withData(data)
                .build();
    }
}
