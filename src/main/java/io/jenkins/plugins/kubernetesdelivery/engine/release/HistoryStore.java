package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Conflicts;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import java.util.LinkedHashMap;
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

    private final KubernetesClient client;
    private final String namespace;
    private final String app;
    /** The ConfigMap as this store last read or wrote it ({@code null}: there was none), once {@code readOnce}. */
    private ConfigMap known;
    private boolean readOnce;

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
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name(app)).get();
        known = cm;
        readOnce = true;
        return cm;
    }

    private ReleaseHistory parse(ConfigMap cm) {
        if (cm == null || cm.getData() == null || cm.getData().get(KEY) == null) {
            return ReleaseHistory.empty();
        }
        try {
            return Serialization.jsonMapper().readValue(cm.getData().get(KEY), ReleaseHistory.class);
        } catch (java.io.IOException e) {
            throw new ReleaseException("the history ConfigMap " + namespace + "/" + name(app) + " holds no valid "
                    + KEY + " (" + ApiErrors.oneLine(e.getMessage()) + "); fix or delete it", e);
        }
    }

    /** Applies {@code change} to the current history and writes it, retrying when another writer was first. */
    ReleaseHistory update(UnaryOperator<ReleaseHistory> change) {
        if (readOnce) {
            // first with what this store last saw; another writer was first (409), or it was deleted (404): read again
            try {
                return write(known, change);
            } catch (KubernetesClientException e) {
                if (!Conflicts.is(e) && e.getCode() != 404) {
                    throw cannotWrite(e);
                }
            }
        }
        return Conflicts.retry(MAX_ATTEMPTS, () -> {
            try {
                return write(fetch(), change);
            } catch (KubernetesClientException e) {
                throw Conflicts.is(e) ? e : cannotWrite(e);
            }
        }, this::cannotWrite);
    }

    private ReleaseHistory write(ConfigMap cm, UnaryOperator<ReleaseHistory> change) {
        ReleaseHistory next = change.apply(parse(cm));
        readOnce = false;
        known = cm == null
                ? client.configMaps().inNamespace(namespace).resource(toConfigMap(next, null)).create()
                : client.configMaps().inNamespace(namespace)
                        .resource(toConfigMap(next, cm.getMetadata().getResourceVersion())).update();
        readOnce = true;
        return next;
    }

    private ReleaseException cannotWrite(KubernetesClientException e) {
        return new ReleaseException("cannot write the history ConfigMap " + namespace + "/" + name(app) + ": "
                + ApiErrors.reason(e), e);
    }

    private ConfigMap toConfigMap(ReleaseHistory h, String resourceVersion) {
        Map<String, String> data = new LinkedHashMap<>();
        try {
            data.put(KEY, Serialization.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(h));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // convenience keys for kubectl users; history.json is the source of truth
        data.put("live", h.live() == null ? "" : h.live());
        data.put("previous", h.previous() == null ? "" : h.previous());
        data.put("pinned", h.pin() == null ? "" : h.pin().release());
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name(app)).withNamespace(namespace).withResourceVersion(resourceVersion)
                .addToLabels(ReleaseLabels.APP, app)
                .addToLabels(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER)
                .endMetadata()
                .withData(data)
                .build();
    }
}
