package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.TreeMap;

/**
 * One way of building an image in a pod. A builder turns a request into containers that read the unpacked context
 * from {@value BuilderPod#CONTEXT_DIR}, push, and leave the pushed digest in the termination message of the
 * {@value BuilderPod#BUILD_CONTAINER} container; none needs {@code privileged}, a shell or the Docker socket.
 */
public interface Builder {

    /** {@code buildkit} or {@code kaniko}. */
    String kind();

    /** The build container's argv, program first; values are single arguments, never parsed by a shell. */
    List<String> command(BakeRequest request);

    /** Containers that run beside the build (native sidecars: init containers with {@code restartPolicy: Always}). */
    List<Container> sidecars(BakeRequest request);

    /** The container that builds and pushes; it must be named {@value BuilderPod#BUILD_CONTAINER}. */
    Container buildContainer(BakeRequest request, boolean withCredentials);

    /** Volumes the builder's own containers need, besides the workspace and the credentials. */
    List<Volume> volumes();

    /** The user the context is unpacked as, so that the builder can read it. */
    long contextUser();

    static Builder of(String kind) {
        return switch (kind) {
            case BakeRequest.BUILDKIT -> new BuildKitBuilder();
            case BakeRequest.KANIKO -> new KanikoBuilder();
            default -> throw new IllegalArgumentException("unknown builder " + kind);
        };
    }

    /**
     * The part of the build container every builder shares: named {@value BuilderPod#BUILD_CONTAINER}, running
     * {@code command}, leaving what it writes to {@value BuilderPod#TERMINATION_LOG} as its termination message.
     */
    static ContainerBuilder newBuildContainer(String image, List<String> command) {
        return new ContainerBuilder()
                .withName(BuilderPod.BUILD_CONTAINER)
                .withImage(image)
                .withCommand(command)
                .withTerminationMessagePath(BuilderPod.TERMINATION_LOG)
                .withTerminationMessagePolicy("File");
    }

    /** With credentials, mounts them read-only at {@code dockerConfig} and points {@code DOCKER_CONFIG} there. */
    static Container withCredentials(ContainerBuilder b, boolean withCredentials, String dockerConfig) {
        if (withCredentials) {
            b.addNewEnv()
                    .withName("DOCKER_CONFIG")
                    .withValue(dockerConfig)
                    .endEnv()
                    .addNewVolumeMount()
                    .withName(BuilderPod.CREDENTIALS_VOLUME)
                    .withMountPath(dockerConfig)
                    .withReadOnly(true)
                    .endVolumeMount();
        }
        return b.build();
    }

    /** The request's resources, sorted by name. */
    static ResourceRequirements resources(BakeRequest r) {
        ResourceRequirementsBuilder b = new ResourceRequirementsBuilder();
        new TreeMap<>(r.requests())
                .forEach((k, v) -> b.addToRequests(k, new io.fabric8.kubernetes.api.model.Quantity(v)));
        new TreeMap<>(r.limits()).forEach((k, v) -> b.addToLimits(k, new io.fabric8.kubernetes.api.model.Quantity(v)));
        return b.build();
    }
}
