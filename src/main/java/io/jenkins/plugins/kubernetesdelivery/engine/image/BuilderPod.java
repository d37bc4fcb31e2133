package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Renders the builder pod and its docker-config Secret. The pod: an init container {@value #CONTEXT_CONTAINER}
 * whose {@code tar} unpacks the context from its stdin into an emptyDir, the builder's sidecars, and the
 * {@value #BUILD_CONTAINER} container. {@code restartPolicy: Never}, {@code activeDeadlineSeconds} from the
 * timeout, no service account token, labels and annotations naming the build.
 */
public final class BuilderPod {

    public static final String CONTEXT_CONTAINER = "context";
    public static final String BUILD_CONTAINER = "build";
    static final String CONTEXT_VOLUME = "context";
    static final String CREDENTIALS_VOLUME = "registry-credentials";
    static final String CONTEXT_DIR = "/workspace/context";
    static final String TERMINATION_LOG = "/dev/termination-log";
    static final String DOCKER_CONFIG_KEY = ".dockerconfigjson";

    private BuilderPod() {}

    /** The pod for a validated request with its bake id set. */
    public static Pod pod(BakeRequest r, boolean withCredentials) {
        Builder builder = Builder.of(r.builder());
        List<Container> init = new ArrayList<>();
        init.add(contextReceiver(r, builder.contextUser()));
        init.addAll(builder.sidecars(r));
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName(CONTEXT_VOLUME)
                .withNewEmptyDir()
                .endEmptyDir()
                .build());
        volumes.addAll(builder.volumes());
        if (withCredentials) {
            volumes.add(new VolumeBuilder()
                    .withName(CREDENTIALS_VOLUME)
                    .withNewSecret()
                    .withSecretName(credentialsSecret(r))
                    .addNewItem()
                    .withKey(DOCKER_CONFIG_KEY)
                    .withPath("config.json")
                    .endItem()
                    .endSecret()
                    .build());
        }
        return new PodBuilder()
                .withNewMetadata()
                .withName(BakeLabels.podName(r.bakeId()))
                .withNamespace(r.namespace())
                .withLabels(BakeLabels.labels(r))
                .withAnnotations(BakeLabels.annotations(r))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(r.timeout().toSeconds())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withServiceAccountName(r.serviceAccount())
                .withNodeSelector(r.nodeSelector().isEmpty() ? null : new java.util.TreeMap<>(r.nodeSelector()))
                .withTolerations(r.tolerations().isEmpty() ? null : r.tolerations())
                .withNewSecurityContext()
                .withFsGroup(builder.contextUser())
                .endSecurityContext()
                .withInitContainers(init)
                .withContainers(builder.buildContainer(r, withCredentials))
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    /** The Secret the pod mounts: an existing one named in the request, or the bake's own. */
    static String credentialsSecret(BakeRequest r) {
        return r.credentials() instanceof RegistryCredentials.ExistingSecret es
                ? es.name()
                : BakeLabels.secretName(r.bakeId());
    }

    /** The docker-config Secret, owned by the created pod so that it is deleted with it. */
    public static Secret secret(BakeRequest r, Pod created, String dockerConfigJson) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(BakeLabels.secretName(r.bakeId()))
                .withNamespace(r.namespace())
                .withLabels(BakeLabels.labels(r))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("v1")
                        .withKind("Pod")
                        .withName(created.getMetadata().getName())
                        .withUid(created.getMetadata().getUid())
                        .withBlockOwnerDeletion(false)
                        .withController(false)
                        .build())
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(
                        DOCKER_CONFIG_KEY,
                        Base64.getEncoder().encodeToString(dockerConfigJson.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** Unpacks the tar stream on stdin into the context directory; stdin closes after the first attach. */
    static Container contextReceiver(BakeRequest r, long user) {
        return new ContainerBuilder()
                .withName(CONTEXT_CONTAINER)
                .withImage(r.images().contextReceiver())
                .withCommand("tar", "-x", "-f", "-", "-C", CONTEXT_DIR)
                .withStdin(true)
                .withStdinOnce(true)
                .withSecurityContext(restricted(user, true))
                .withNewResources()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("32Mi"))
                .addToLimits("memory", new Quantity("256Mi"))
                .endResources()
                .addNewVolumeMount()
                .withName(CONTEXT_VOLUME)
                .withMountPath(CONTEXT_DIR)
                .endVolumeMount()
                .build();
    }

    /** Non-root, no privilege escalation, no capabilities, default seccomp; optionally a read-only root. */
    static SecurityContext restricted(long user, boolean readOnlyRoot) {
        return new SecurityContextBuilder()
                .withRunAsUser(user)
                .withRunAsGroup(user)
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(readOnlyRoot ? true : null)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }
}
