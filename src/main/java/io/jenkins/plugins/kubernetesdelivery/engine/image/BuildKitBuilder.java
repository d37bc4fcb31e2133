package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rootless BuildKit: {@code buildkitd} under {@code rootlesskit} as a native sidecar (started once its
 * {@code buildctl debug workers} startup probe passes), and {@code buildctl build} in the build container, which
 * writes the build's metadata (with {@code containerimage.digest}) to the termination message. Needs seccomp and
 * AppArmor unconfined for the sidecar (user namespaces), nothing privileged.
 */
final class BuildKitBuilder implements Builder {

    static final String DAEMON = "buildkitd";
    static final String SOCKET_DIR = "/run/buildkit";
    static final String ADDRESS = "unix://" + SOCKET_DIR + "/buildkitd.sock";
    static final String DOCKER_CONFIG = "/home/user/.docker";
    static final long USER = 1000;

    @Override
    public String kind() {
        return BakeRequest.BUILDKIT;
    }

    @Override
    public List<String> command(BakeRequest r) {
        List<String> c = new ArrayList<>(List.of(
                "buildctl",
                "--addr",
                ADDRESS,
                "--wait",
                "build",
                "--progress=plain",
                "--frontend=dockerfile.v0",
                "--local=context=" + BuilderPod.CONTEXT_DIR,
                "--local=dockerfile=" + dockerfileDir(r.dockerfile()),
                "--opt=filename=" + dockerfileName(r.dockerfile())));
        if (r.target() != null) {
            c.add("--opt=target=" + r.target());
        }
        if (r.platform() != null) {
            c.add("--opt=platform=" + r.platform());
        }
        for (Map.Entry<String, String> a : r.buildArgs().entrySet()) {
            c.add("--opt=build-arg:" + a.getKey() + "=" + a.getValue());
        }
        List<String> names =
                r.tags().stream().map(t -> r.repository() + ":" + t).toList();
        c.add("--output=type=image,\"name=" + String.join(",", names) + "\",push=true");
        if (r.cache()) {
            String ref = r.effectiveCacheRepository() + ":buildcache";
            c.add("--export-cache=type=registry,ref=" + ref + ",mode=max");
            c.add("--import-cache=type=registry,ref=" + ref);
        }
        c.add("--metadata-file=" + BuilderPod.TERMINATION_LOG);
        return c;
    }

    static String dockerfileDir(String dockerfile) {
        String parent = ContextPaths.parent(dockerfile);
        return parent.isEmpty() ? BuilderPod.CONTEXT_DIR : BuilderPod.CONTEXT_DIR + "/" + parent;
    }

    static String dockerfileName(String dockerfile) {
        return dockerfile.substring(dockerfile.lastIndexOf('/') + 1);
    }

    @Override
    public List<Container> sidecars(BakeRequest r) {
        return List.of(new ContainerBuilder()
                .withName(DAEMON)
                .withImage(r.images().buildkit())
                .withCommand("rootlesskit", "buildkitd", "--oci-worker-no-process-sandbox", "--addr", ADDRESS)
                .withRestartPolicy("Always")
                .withNewStartupProbe()
                .withNewExec()
                .withCommand("buildctl", "--addr", ADDRESS, "debug", "workers")
                .endExec()
                .withPeriodSeconds(1)
                .withFailureThreshold(120)
                .endStartupProbe()
                .withNewSecurityContext()
                .withRunAsUser(USER)
                .withRunAsGroup(USER)
                .withNewSeccompProfile()
                .withType("Unconfined")
                .endSeccompProfile()
                .withNewAppArmorProfile()
                .withType("Unconfined")
                .endAppArmorProfile()
                .endSecurityContext()
                .withResources(Builder.resources(r))
                .addNewVolumeMount()
                .withName("buildkitd")
                .withMountPath("/home/user/.local/share/buildkit")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("buildkit-run")
                .withMountPath(SOCKET_DIR)
                .endVolumeMount()
                .build());
    }

    @Override
    public Container buildContainer(BakeRequest r, boolean withCredentials) {
        ContainerBuilder b = Builder.newBuildContainer(r.images().buildkit(), command(r))
                .withSecurityContext(BuilderPod.restricted(USER, false))
                .withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("50m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi"))
                .endResources()
                .addNewVolumeMount()
                .withName(BuilderPod.CONTEXT_VOLUME)
                .withMountPath(BuilderPod.CONTEXT_DIR)
                .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("buildkit-run")
                .withMountPath(SOCKET_DIR)
                .endVolumeMount();
        return Builder.withCredentials(b, withCredentials, DOCKER_CONFIG);
    }

    @Override
    public List<Volume> volumes() {
        return List.of(
                new VolumeBuilder()
                        .withName("buildkitd")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build(),
                new VolumeBuilder()
                        .withName("buildkit-run")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build());
    }

    @Override
    public long contextUser() {
        return USER;
    }
}
