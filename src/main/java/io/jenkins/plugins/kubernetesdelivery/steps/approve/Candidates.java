package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Candidate;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord.Kind;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * What a build is about to have approved, from the step's arguments and what the build delivered so far: the app
 * (given, else the app of its last successful deploy), where it deployed that app already ({@code v5 in staging}),
 * the images it baked, its commit and the schema version given.
 */
final class Candidates {

    private Candidates() {}

    static Candidate of(
            List<DeliveryRecord> records,
            @CheckForNull String app,
            @CheckForNull String commit,
            @CheckForNull String schemaVersion) {
        DeliveryRecord lastDeploy = null;
        List<String> images = new ArrayList<>();
        for (DeliveryRecord r : records) {
            if (r.getOutcome() != Outcome.SUCCEEDED) {
                continue;
            }
            if (r.getKind() == Kind.DEPLOY && (app == null || app.equals(r.getApp()))) {
                lastDeploy = r;
            } else if (r.getKind() == Kind.BAKE) {
                images.add(r.getDigest() == null ? r.getRelease() : r.getApp() + "@" + r.getDigest());
            }
        }
        String candidateApp = app != null ? app : lastDeploy == null ? null : lastDeploy.getApp();
        String stagedAs = null;
        if (lastDeploy != null && lastDeploy.getRelease() != null) {
            String where =
                    lastDeploy.getEnvironment() != null ? lastDeploy.getEnvironment() : lastDeploy.getNamespace();
            stagedAs = lastDeploy.getRelease() + (where == null ? "" : " in " + where);
        }
        return new Candidate(candidateApp, commit, images, schemaVersion, stagedAs);
    }
}
