package io.jenkins.plugins.kubernetesdelivery.engine.image;

/**
 * Which CI build a bake belongs to; stamped on the builder pod as labels (sanitised) and annotations (verbatim).
 *
 * @param job the full job name, e.g. {@code shop/web/main}
 * @param buildNumber the build number
 * @param buildUrl the build's URL, or null
 */
public record BuildIdentity(String job, int buildNumber, String buildUrl) {

    public static final BuildIdentity UNKNOWN = new BuildIdentity("", 0, null);

    public BuildIdentity {
        job = job == null ? "" : job;
    }
}
