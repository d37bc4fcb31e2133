package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The container images a bake runs, pinned by digest. This is the one place the defaults live; the global
 * configuration may override each.
 *
 * @param buildkit rootless BuildKit (runs both {@code buildkitd} and {@code buildctl})
 * @param kaniko the Kaniko executor of the maintained fork (osscontainertools/kaniko)
 * @param contextReceiver the init container that unpacks the context tar from stdin ({@code tar}, no shell used)
 */
public record BuilderImages(String buildkit, String kaniko, String contextReceiver) {

    /** moby/buildkit v0.33.0, rootless variant. */
    public static final String DEFAULT_BUILDKIT = "docker.io/moby/buildkit:v0.33.0-rootless"
            + "@sha256:80b15f0735e87bab7bf59ec4d695dfb4a7cfb25521cf56dc75d6f256285b63ef";
    /** osscontainertools/kaniko v1.28.2, the maintained fork of the Kaniko executor archived by Google in 2025. */
    public static final String DEFAULT_KANIKO = "ghcr.io/osscontainertools/kaniko:v1.28.2"
            + "@sha256:4ea0e7301e3f6806de15150e4982c73018351e28c1dca6947bd3b4afb5ae3c60";
    /** busybox 1.37.0: its {@code tar} unpacks the context. */
    public static final String DEFAULT_CONTEXT_RECEIVER = "docker.io/library/busybox:1.37.0"
            + "@sha256:bdf57e528e45e4433820e045b29b4597825a1c9e38353532d90a01445013f82e";

    public static final BuilderImages DEFAULTS =
            new BuilderImages(DEFAULT_BUILDKIT, DEFAULT_KANIKO, DEFAULT_CONTEXT_RECEIVER);

    /** Blank fields take the default. */
    public BuilderImages {
        buildkit = Objects.requireNonNullElse(Strings.blankToNull(buildkit), DEFAULT_BUILDKIT);
        kaniko = Objects.requireNonNullElse(Strings.blankToNull(kaniko), DEFAULT_KANIKO);
        contextReceiver = Objects.requireNonNullElse(Strings.blankToNull(contextReceiver), DEFAULT_CONTEXT_RECEIVER);
    }

    /** One problem per image that is not a reference (name, optional tag, optional digest); empty when none. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        for (String[] img :
                new String[][] {{"buildkit", buildkit}, {"kaniko", kaniko}, {"context receiver", contextReceiver}}) {
            if (ImageRef.check(img[1]).isPresent()) {
                problems.add(img[0] + " image '" + img[1] + "' is not an image reference (name[:tag][@digest])");
            }
        }
        return problems;
    }

    /** Whether every image is pinned by digest. */
    public boolean allPinned() {
        return pinned(buildkit) && pinned(kaniko) && pinned(contextReceiver);
    }

    private static boolean pinned(String image) {
        return ImageRef.check(image).isEmpty() && ImageRef.parse(image).pinned();
    }
}
