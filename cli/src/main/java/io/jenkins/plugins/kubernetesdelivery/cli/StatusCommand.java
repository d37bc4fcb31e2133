package io.jenkins.plugins.kubernetesdelivery.cli;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseInfo;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status APP}: the app's releases, newest first, with their state, as the cluster tells them. */
@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        description = "The releases of APP, newest first: state (live, warm, cold, failed, in progress), pin,"
                + " ready pods, images, commit, who deployed it and when.")
final class StatusCommand extends ClusterCommand {

    @Parameters(paramLabel = "APP", description = "The app.")
    String app;

    @Override
    void run(Session s) {
        String ns = s.namespace();
        ReleaseEngine engine = s.engine();
        List<ReleaseInfo> releases = engine.releases(app, ns);
        ReleaseHistory history = engine.history(app, ns);
        if (releases.isEmpty() && history.lastRelease() == 0) {
            throw new DeliveryException(ns + "/" + app + " has no releases: nothing was deployed with kubectl"
                    + " delivery or deployLabeled under that app name in namespace " + ns);
        }
        Instant now = s.ctx.clock().instant();
        print(s, data(ns, releases, history), () -> table(ns, releases, history, now));
    }

    static Map<String, Object> data(String ns, List<ReleaseInfo> releases, ReleaseHistory h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", ns);
        m.put("app", releases.isEmpty() ? null : releases.get(0).metadata().app());
        m.put("live", h.live());
        m.put("previous", h.previous());
        m.put("pin", h.pin());
        m.put("inFlight", h.current());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ReleaseInfo r : releases) {
            ReleaseMetadata md = r.metadata();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("release", r.release());
            e.put("state", state(r));
            e.put("pinned", r.pinned());
            e.put("readyReplicas", r.readyReplicas());
            e.put("replicas", r.replicas());
            e.put("images", md.images());
            e.put("gitCommit", md.gitCommit());
            e.put("buildUrl", md.buildUrl());
            e.put("schemaVersion", md.schemaVersion());
            e.put("approver", md.approver());
            e.put("deployedBy", md.deployedBy());
            e.put("deployedAt", md.deployedAt() == null ? null : md.deployedAt().toString());
            e.put("failure", r.failure());
            list.add(e);
        }
        m.put("releases", list);
        return m;
    }

    static String state(ReleaseInfo r) {
        return r.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** {@code repo@sha256:} and the first 12 hex digits, as docker shows image ids; JSON keeps the whole. */
    static String shortDigest(String image) {
        int at = image.indexOf("@sha256:");
        return at < 0 || image.length() < at + 20 ? image : image.substring(0, at + 20);
    }

    static String table(String ns, List<ReleaseInfo> releases, ReleaseHistory h, Instant now) {
        Output.Table t = new Output.Table("RELEASE", "STATE", "PINNED", "READY", "IMAGES", "COMMIT", "SCHEMA",
                "DEPLOYED BY", "AGE");
        for (ReleaseInfo r : releases) {
            ReleaseMetadata md = r.metadata();
            t.row(r.release(), state(r), r.pinned() ? "yes" : "no", r.readyReplicas() + "/" + r.replicas(),
                    String.join(",", md.images().stream().map(StatusCommand::shortDigest).toList()), md.gitCommit() == null ? null
                            : md.gitCommit().substring(0, Math.min(12, md.gitCommit().length())),
                    md.schemaVersion(), md.deployedBy(), Output.age(md.deployedAt(), now));
        }
        StringBuilder sb = new StringBuilder(t.toString());
        if (h.pin() != null) {
            sb.append('\n').append(ns).append('/').append(releases.isEmpty() ? "" : releases.get(0).metadata().app())
                    .append(" is pinned to ").append(h.pin().release()).append(" by ")
                    .append(h.pin().by() == null ? "someone" : h.pin().by())
                    .append(h.pin().reason() == null ? "" : " (" + h.pin().reason() + ")")
                    .append(h.pin().at() == null ? "" : " at " + h.pin().at())
                    .append(": deploys are refused until 'kubectl delivery unpin' or a deploy with --unpin\n");
        }
        if (h.current() != null) {
            sb.append('\n').append("in flight: ").append(h.current().action()).append(' ')
                    .append(h.current().release()).append(" by ").append(h.current().by()).append(" since ")
                    .append(h.current().startedAt()).append(" (phase ").append(h.current().phase()).append(")\n");
        }
        return sb.toString();
    }
}
