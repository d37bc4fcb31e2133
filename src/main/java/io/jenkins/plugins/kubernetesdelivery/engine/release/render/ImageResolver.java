package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.Container;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the request's images into the release's containers: an entry {@code container=reference} replaces the
 * image of the containers of that name; a plain reference replaces the image of every container whose image
 * has the same repository, or whose image is just the repository's last path part (a placeholder such as
 * {@code image: web}).
 */
final class ImageResolver {

    private final Map<String, ImageRef> byContainer = new LinkedHashMap<>();
    private final List<ImageRef> byRepository = new ArrayList<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final boolean allowTags;

    ImageResolver(List<String> images, boolean allowTags, List<String> problems) {
        this.allowTags = allowTags;
        for (String entry : images) {
            int eq = entry.indexOf('=');
            String container = eq > 0 ? entry.substring(0, eq).strip() : null;
            String ref = (eq > 0 ? entry.substring(eq + 1) : entry).strip();
            var problem = ImageRef.check(ref);
            if (problem.isPresent()) {
                problems.add("image '" + ref + "' " + problem.get());
                continue;
            }
            ImageRef parsed = ImageRef.parse(ref);
            if (!parsed.pinned() && !allowTags) {
                problems.add("image '" + ref + "' is not pinned by digest (repo@sha256:…); pin it, or allow tags"
                        + " explicitly");
            }
            if (container != null) {
                byContainer.put(container, parsed);
            } else {
                byRepository.add(parsed);
            }
        }
    }

    /** Replaces the container's image when an entry matches it, then checks the result. */
    void resolve(String owner, Container c, List<String> problems) {
        ImageRef match = byContainer.get(c.getName());
        if (match != null) {
            used.add(c.getName() + "=" + match.reference());
        } else if (c.getImage() != null) {
            String current = c.getImage();
            String repository =
                    ImageRef.check(current).isEmpty() ? ImageRef.parse(current).repository() : current;
            for (ImageRef r : byRepository) {
                String last = r.repository().substring(r.repository().lastIndexOf('/') + 1);
                if (r.repository().equals(repository) || last.equals(repository)) {
                    match = r;
                    used.add(r.reference());
                    break;
                }
            }
        }
        if (match != null) {
            c.setImage(match.reference());
        }
        var problem = ImageRef.check(c.getImage());
        if (problem.isPresent()) {
            problems.add(
                    "container " + c.getName() + " of " + owner + ": image '" + c.getImage() + "' " + problem.get());
        } else if (!allowTags && !ImageRef.parse(c.getImage()).pinned()) {
            problems.add("container " + c.getName() + " of " + owner + " runs image '" + c.getImage()
                    + "', which is not pinned by digest; give its digest-pinned reference as an image, or allow"
                    + " tags explicitly");
        }
    }

    /** Problems for request entries that matched no container. */
    void checkAllUsed(List<String> problems) {
        byContainer.forEach((name, ref) -> {
            if (!used.contains(name + "=" + ref.reference())) {
                problems.add("image '" + name + "=" + ref.reference() + "' names no container of a Deployment");
            }
        });
        for (ImageRef r : byRepository) {
            if (!used.contains(r.reference())) {
                problems.add("image '" + r.reference() + "' matches no container of a Deployment (by repository" + " "
                        + r.repository() + "); name the container as container=reference");
            }
        }
    }
}
