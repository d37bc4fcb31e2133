package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kaniko (the maintained osscontainertools fork): {@code /kaniko/executor} builds in userspace and writes the pushed
 * digest to the termination message with {@code --digest-file}. It runs as root inside its container (that is how
 * Kaniko unpacks base images), without {@code privileged} and without privilege escalation.
 */
final class KanikoBuilder implements Builder {

    static final String DOCKER_CONFIG = "/kaniko/.docker";

    @Override
    public String kind() {
        return BakeRequest.KANIKO;
    }

    @Override
    public List<String> command(BakeRequest r) {
        List<String> c = new ArrayList<>(List.of(
                "/kaniko/executor",
                "--context=dir://" + BuilderPod.CONTEXT_DIR,
                "--dockerfile=" + BuilderPod.CONTEXT_DIR + "/" + r.dockerfile()));
        for (String tag : r.tags()) {
            c.add("--destination=" + r.repository() + ":" + tag);
        }
        if (r.target() != null) {
            c.add("--target=" + r.target());
        }
        if (r.platform() != null) {
            c.add("--custom-platform=" + r.platform());
        }
        for (Map.Entry<String, String> a : r.buildArgs().entrySet()) {
            c.add("--build-arg=" + a.getKey() + "=" + a.getValue());
        }
        if (r.cache()) {
            c.add("--cache=true");
            c.add("--cache-repo=" + r.effectiveCacheRepository());
        }
        c.add("--digest-file=" + BuilderPod.TERMINATION_LOG);
        c.add("--log-format=text");
        return c;
    }

    @Override
    public List<Container> sidecars(BakeRequest r) {
        return List.of();
    }

    @Override
    public Container buildContainer(BakeRequest r, boolean withCredentials) {
        ContainerBuilder b = Builder.newBuildContainer(r.images().kaniko(), command(r))
                .withNewSecurityContext()
                .withRunAsUser(0L)
                .withRunAsNonRoot(false)
                .withAllowPrivilegeEscalation(false)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withResources(Builder.resources(r))
                .addNewVolumeMount()
                .withName(BuilderPod.CONTEXT_VOLUME)
                .withMountPath(BuilderPod.CONTEXT_DIR)
                .endVolumeMount();
        return Builder.withCredentials(b, withCredentials, DOCKER_CONFIG);
    }

    @Override
    public List<Volume> volumes() {
        return List.of();
    }

    @Override
    public long contextUser() {
        return 1000;
    }
}
