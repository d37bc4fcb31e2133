package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster records about one release, on each of its objects and in the history.
 *
 * @param app the app
 * @param number the release number N of {@code v<N>}
 * @param images the digest-pinned (or allowed tagged) images its containers run
 * @param gitCommit the commit, or {@code null}
 * @param buildUrl the build URL, or {@code null}
 * @param schemaVersion the schema version, or {@code null}
 * @param approver who approved it, or {@code null}
 * @param deployedBy who deployed it, or {@code null}
 * @param deployedAt when it was allocated
 */
public record ReleaseMetadata(
        String app,
        int number,
        List<String> images,
        String gitCommit,
        String buildUrl,
        String schemaVersion,
        String approver,
        String deployedBy,
        Instant deployedAt) {

    public ReleaseMetadata {
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** {@code v<N>}. */
    public String release() {
        return id(number);
    }

    public static String id(int number) {
        return "v" + number;
    }

    /** The release number of {@code v<N>}, or -1 when {@code id} is not of that form. */
    public static int number(String id) {
        if (id == null || !id.matches("v[1-9][0-9]{0,8}")) {
            return -1;
        }
        return Integer.parseInt(id.substring(1));
    }

    /** The labels every object of the release carries. */
    public Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(ReleaseLabels.APP, app);
        l.put(ReleaseLabels.RELEASE, release());
        l.put(DeliveryLabels.INSTANCE, app);
        l.put(DeliveryLabels.VERSION, release());
        l.put(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER);
        return l;
    }

    /** The annotations every object of the release carries; absent values are left out. */
    public Map<String, String> annotations() {
        Map<String, String> a = new LinkedHashMap<>();
        put(a, ReleaseLabels.GIT_COMMIT, gitCommit);
        put(a, DeliveryLabels.BUILD_URL, buildUrl);
        put(a, ReleaseLabels.SCHEMA_VERSION, schemaVersion);
        put(a, ReleaseLabels.IMAGES, images.isEmpty() ? null : String.join(",", images));
        put(a, ReleaseLabels.APPROVER, approver);
        put(a, ReleaseLabels.DEPLOYED_BY, deployedBy);
        put(a, ReleaseLabels.DEPLOYED_AT, deployedAt.toString());
        return a;
    }

    /** Reads the metadata back from a release Deployment's labels and annotations. */
    public static ReleaseMetadata fromAnnotations(String app, String release, Map<String, String> annotations) {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        String images = a.get(ReleaseLabels.IMAGES);
        String at = a.get(ReleaseLabels.DEPLOYED_AT);
        Instant when;
        try {
            when = at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (RuntimeException e) {
            when = Instant.EPOCH;
        }
        return new ReleaseMetadata(
                app,
                number(release),
                images == null || images.isEmpty() ? List.of() : List.of(images.split(",")),
                a.get(ReleaseLabels.GIT_COMMIT),
                a.get(DeliveryLabels.BUILD_URL),
                a.get(ReleaseLabels.SCHEMA_VERSION),
                a.get(ReleaseLabels.APPROVER),
                a.get(ReleaseLabels.DEPLOYED_BY),
                when);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
