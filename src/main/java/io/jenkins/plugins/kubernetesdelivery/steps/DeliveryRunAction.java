package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * What a build delivered: one {@link DeliveryRecord} per bake, deploy, rollback and approval, in the order they
 * ended, shown on the build page ({@code summary.jelly}). Added to the build by the first step that records
 * something; steps in parallel branches share it. Saved with the build; it holds plain text only.
 */
public final class DeliveryRunAction implements RunAction2 {

    /** Guards adding the action to a build, so parallel branches never add two. */
    private static final Object ATTACH = new Object();

    private List<DeliveryRecord> records = new ArrayList<>();

    /** Adds {@code record} to the build's action (adding the action first if needed) and saves the build. */
    public static void record(Run<?, ?> run, DeliveryRecord record) throws IOException {
        DeliveryRunAction action;
        synchronized (ATTACH) {
            action = run.getAction(DeliveryRunAction.class);
            if (action == null) {
                action = new DeliveryRunAction();
                run.addAction(action);
            }
        }
        action.add(record);
        run.save();
    }

    /** Adds a record (in memory; {@link #record} also saves the build). */
    public synchronized void add(DeliveryRecord record) {
        if (records == null) {
            records = new ArrayList<>();
        }
        records.add(record);
    }

    /** The records, oldest first. */
    @NonNull
    public synchronized List<DeliveryRecord> getRecords() {
        return records == null ? List.of() : List.copyOf(records);
    }

    /** One line of the build summary for {@code r}, e.g. {@code Rolled back shop/web to v7 (was v8) in production}. */
    @NonNull
    public String line(DeliveryRecord r) {
        if (r.getKind() == DeliveryRecord.Kind.APPROVAL) {
            return approvalLine(r);
        }
        String where = where(r);
        String text =
                switch (r.getKind()) {
                    case BAKE -> Messages.DeliveryRunAction_Bake(r.getApp(), orNone(r.getDigest()));
                    case DEPLOY -> Messages.DeliveryRunAction_Deploy(where, orNone(r.getRelease()), was(r));
                    case ROLLBACK -> Messages.DeliveryRunAction_Rollback(where, orNone(r.getRelease()), was(r));
                    case APPROVAL -> approvalLine(r);
                };
        if (r.getWho() != null) {
            text = Messages.DeliveryRunAction_By(text, r.getWho());
        }
        if (r.getNote() != null) {
            text = text + ": " + r.getNote();
        }
        return r.getOutcome() == DeliveryRecord.Outcome.FAILED ? Messages.DeliveryRunAction_Failed(text) : text;
    }

    /**
     * {@code Approved by carol for production (candidate web v9)}, {@code Rejected by dave for production (…)}, or
     * {@code Not approved for production (…): not approved within 60 minutes}; the release is the candidate.
     */
    private static String approvalLine(DeliveryRecord r) {
        String env = r.getEnvironment() == null ? r.getApp() : r.getEnvironment();
        String text;
        if (r.getOutcome() == DeliveryRecord.Outcome.SUCCEEDED) {
            text = Messages.DeliveryRunAction_Approved(env, orNone(r.getWho()));
        } else if (r.getWho() != null) {
            text = Messages.DeliveryRunAction_Rejected(env, r.getWho());
        } else {
            text = Messages.DeliveryRunAction_NotApproved(env);
        }
        if (r.getRelease() != null) {
            text = text + " " + Messages.DeliveryRunAction_Candidate(r.getRelease());
        }
        return r.getNote() == null ? text : text + ": " + r.getNote();
    }

    private static String where(DeliveryRecord r) {
        String app = r.getNamespace() == null ? r.getApp() : r.getNamespace() + "/" + r.getApp();
        return r.getEnvironment() == null ? app : Messages.DeliveryRunAction_In(app, r.getEnvironment());
    }

    private static String was(DeliveryRecord r) {
        return r.getPrevious() == null ? "" : " " + Messages.DeliveryRunAction_Was(r.getPrevious());
    }

    private static String orNone(@CheckForNull String s) {
        return s == null ? "?" : s;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.DeliveryRunAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    @Override
    public void onAttached(Run<?, ?> r) {}

    @Override
    public void onLoad(Run<?, ?> r) {}
}
