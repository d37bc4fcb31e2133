package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.plugins.git.Revision;
import hudson.plugins.git.util.BuildData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a delivery step records about its build: computed once from the {@link Run} in {@code start()} (in memory,
 * no network) and kept with the execution, so a resumed step records the same values.
 *
 * @param jobFullName the job's full name ({@code folder/job}), which an environment's job patterns are matched
 *     against
 * @param buildUrl the build's absolute URL when Jenkins knows its root URL, else its URL relative to Jenkins
 * @param actor who started the build: the user id of the user who started it, else the short description of its
 *     first cause (e.g. {@code Started by timer}); {@code null} when there is none
 * @param gitCommit the commit the build checked out: the Git plugin's last built revision, else the
 *     {@code GIT_COMMIT} variable; {@code null} when neither is known
 */
public record RunFacts(
        @NonNull String jobFullName,
        @NonNull String buildUrl,
        @CheckForNull String actor,
        @CheckForNull String gitCommit)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public RunFacts {
        Objects.requireNonNull(jobFullName, "jobFullName");
        Objects.requireNonNull(buildUrl, "buildUrl");
    }

    /**
     * The facts of {@code run}.
     *
     * @param rootUrl Jenkins' root URL ({@code https://ci.example.com/}), or {@code null} when not configured
     * @param env the build's environment, for {@code GIT_COMMIT} and {@code GIT_URL}; {@code null} when unknown
     */
    public static RunFacts of(Run<?, ?> run, @CheckForNull String rootUrl, @CheckForNull EnvVars env) {
        List<Checkout> checkouts = new ArrayList<>();
        for (BuildData data : run.getActions(BuildData.class)) {
            Revision revision = data.getLastBuiltRevision();
            checkouts.add(new Checkout(data.getRemoteUrls(), revision == null ? null : revision.getSha1String()));
        }
        return new RunFacts(
                run.getParent().getFullName(),
                buildUrl(rootUrl, run.getUrl()),
                actor(run.getCauses()),
                gitCommit(
                        checkouts,
                        env == null ? null : env.get("GIT_URL"),
                        env == null ? null : env.get("GIT_COMMIT")));
    }

    /** The absolute URL of a build whose URL relative to Jenkins is {@code runUrl} ({@code job/web/12/}). */
    static String buildUrl(@CheckForNull String rootUrl, String runUrl) {
        if (rootUrl == null || rootUrl.isBlank()) {
            return runUrl;
        }
        return rootUrl.endsWith("/") ? rootUrl + runUrl : rootUrl + "/" + runUrl;
    }

    /** The user id of the first cause that names a user, else the first cause's description. */
    @CheckForNull
    static String actor(List<Cause> causes) {
        for (Cause c : causes) {
            if (c instanceof Cause.UserIdCause u && u.getUserId() != null) {
                return u.getUserId();
            }
        }
        return causes.isEmpty() ? null : causes.get(0).getShortDescription();
    }

    /**
     * The commit of the build's checkout. Several checkouts (a Pipeline library, a second repository): the last one
     * of the repository named by {@code GIT_URL}, else the last one, as the Git plugin itself chooses. No checkout
     * with a revision: {@code GIT_COMMIT}.
     */
    @CheckForNull
    static String gitCommit(List<Checkout> checkouts, @CheckForNull String gitUrl, @CheckForNull String envCommit) {
        String last = null;
        String ofGitUrl = null;
        for (Checkout c : checkouts) {
            if (c.commit() == null) {
                continue;
            }
            last = c.commit();
            if (gitUrl != null && c.remoteUrls().contains(gitUrl)) {
                ofGitUrl = c.commit();
            }
        }
        String commit = ofGitUrl != null ? ofGitUrl : last != null ? last : envCommit;
        return commit == null || commit.isBlank() ? null : commit.strip();
    }

    /** One checkout of the Git plugin: its repositories and the revision it built. */
    record Checkout(Set<String> remoteUrls, @CheckForNull String commit) {
        Checkout {
            remoteUrls = remoteUrls == null ? Set.of() : Set.copyOf(remoteUrls);
        }
    }
}
