package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rewrites the parts of a pod spec that change per release: images and ConfigMap/Secret references. */
final class PodSpecs {

    private PodSpecs() {}

    static List<Container> allContainers(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            all.addAll(spec.getContainers());
        }
        return all;
    }

    /**
     * Renames every ConfigMap and Secret reference: volumes, projected volumes, env and envFrom.
     * The operators return the new name, or the old one to leave a reference unchanged.
     */
    static void renameReferences(PodSpec spec, UnaryOperator<String> configMaps, UnaryOperator<String> secrets) {
        if (spec.getVolumes() != null) {
            spec.getVolumes().forEach(v -> {
                if (v.getConfigMap() != null) {
                    v.getConfigMap().setName(configMaps.apply(v.getConfigMap().getName()));
                }
                if (v.getSecret() != null) {
                    v.getSecret().setSecretName(secrets.apply(v.getSecret().getSecretName()));
                }
                if (v.getProjected() != null && v.getProjected().getSources() != null) {
                    for (VolumeProjection p : v.getProjected().getSources()) {
                        if (p.getConfigMap() != null) {
                            p.getConfigMap()
                                    .setName(configMaps.apply(p.getConfigMap().getName()));
                        }
                        if (p.getSecret() != null) {
                            p.getSecret().setName(secrets.apply(p.getSecret().getName()));
                        }
                    }
                }
            });
        }
        for (Container c : allContainers(spec)) {
            if (c.getEnv() != null) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        var r = e.getValueFrom().getConfigMapKeyRef();
                        r.setName(configMaps.apply(r.getName()));
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        var r = e.getValueFrom().getSecretKeyRef();
                        r.setName(secrets.apply(r.getName()));
                    }
                }
            }
            if (c.getEnvFrom() != null) {
                for (EnvFromSource e : c.getEnvFrom()) {
                    if (e.getConfigMapRef() != null) {
                        e.getConfigMapRef()
                                .setName(configMaps.apply(e.getConfigMapRef().getName()));
                    }
                    if (e.getSecretRef() != null) {
                        e.getSecretRef().setName(secrets.apply(e.getSecretRef().getName()));
                    }
                }
            }
        }
    }
}
