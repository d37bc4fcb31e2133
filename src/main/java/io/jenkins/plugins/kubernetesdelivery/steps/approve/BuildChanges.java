package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commit;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.scm.RunWithSCM;

/**
 * Who started a build and what changed in it, from the Jenkins model: the user of its {@code UserIdCause}, the
 * commits of its change sets (as the SCM plugin recorded them, with the authors as Jenkins users), and the commits of
 * this job's builds since the build that deployed a release.
 */
final class BuildChanges {

    private static final Pattern BUILD_NUMBER = Pattern.compile("([1-9][0-9]{0,9})/?");

    private BuildChanges() {}

    /** The user id of the first cause that names a user, or {@code null}: a timer or an SCM change started it. */
    @CheckForNull
    static String starter(List<Cause> causes) {
        for (Cause c : causes) {
            String id = c instanceof Cause.UserIdCause u ? u.getUserId() : null;
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return null;
    }

    /** The commits of {@code run}'s own change sets, newest last as the SCM lists them; empty without SCM. */
    static List<Commit> commitsOf(Run<?, ?> run) {
        List<Commit> commits = new ArrayList<>();
        if (run instanceof RunWithSCM<?, ?> scm) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : scm.getChangeSets()) {
                for (ChangeLogSet.Entry e : set) {
                    User author = e.getAuthor();
                    commits.add(new Commit(e.getCommitId(), author == null ? null : author.getId(), e.getMsg()));
                }
            }
        }
        return commits;
    }

    /** The user ids of the authors of {@code run}'s own change sets. */
    static Set<String> authorsOf(Run<?, ?> run) {
        return Commits.of(commitsOf(run)).authors();
    }

    /**
     * The commits of this job's builds after the one at {@code liveBuildUrl} up to {@code run}, newest first; unknown
     * when that build is not one of this job's, or builds in between were deleted. {@code rootUrl}: Jenkins' root URL,
     * or {@code null} when none is configured.
     */
    static Commits since(Run<?, ?> run, @CheckForNull String liveBuildUrl, @CheckForNull String rootUrl) {
        OptionalInt live = buildNumber(liveBuildUrl, rootUrl, jobUrl(run.getUrl(), run.getNumber()));
        if (live.isEmpty()) {
            return Commits.unknown(
                    liveBuildUrl == null
                            ? "the live release records no build"
                            : "the live release was deployed by " + liveBuildUrl + ", not by a build of this job");
        }
        int from = live.getAsInt();
        if (from >= run.getNumber()) {
            return Commits.unknown("the live release was deployed by build #" + from + " of this job, not before it");
        }
        List<Commit> commits = new ArrayList<>();
        int expected = run.getNumber();
        for (Run<?, ?> r = run; r != null && r.getNumber() > from; r = r.getPreviousBuild()) {
            if (r.getNumber() != expected) {
                return Commits.unknown("builds #" + (r.getNumber() + 1) + " to #" + expected + " were deleted");
            }
            List<Commit> own = commitsOf(r);
            for (int i = own.size() - 1; i >= 0; i--) {
                commits.add(own.get(i));
            }
            expected = r.getNumber() - 1;
        }
        if (expected != from) {
            return Commits.unknown("builds #" + (from + 1) + " to #" + expected + " were deleted");
        }
        return Commits.of(commits);
    }

    /** The URL of a job relative to Jenkins, from one of its builds' ({@code job/web/12/} gives {@code job/web/}). */
    static String jobUrl(String runUrl, int number) {
        String suffix = number + "/";
        return runUrl.endsWith(suffix) ? runUrl.substring(0, runUrl.length() - suffix.length()) : runUrl;
    }

    /**
     * The number of a build of the job at {@code jobUrl} (relative to Jenkins) from a build URL recorded in a release:
     * relative ({@code job/web/12/}) or absolute under Jenkins' root URL ({@code https://ci.example.com/job/web/12/}).
     * Anything else (another job, another Jenkins, a root URL changed since) is not known to be one of its builds.
     */
    static OptionalInt buildNumber(@CheckForNull String buildUrl, @CheckForNull String rootUrl, String jobUrl) {
        if (buildUrl == null || jobUrl.isEmpty()) {
            return OptionalInt.empty();
        }
        String rest;
        if (buildUrl.startsWith(jobUrl)) {
            rest = buildUrl.substring(jobUrl.length());
        } else if (rootUrl != null
                && !rootUrl.isBlank()
                && buildUrl.startsWith((rootUrl.endsWith("/") ? rootUrl : rootUrl + "/") + jobUrl)) {
            rest = buildUrl.substring((rootUrl.endsWith("/") ? rootUrl : rootUrl + "/").length() + jobUrl.length());
        } else {
            return OptionalInt.empty();
        }
        Matcher m = BUILD_NUMBER.matcher(rest);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        long n = Long.parseLong(m.group(1));
        return n > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) n);
    }

    /** {@code a} and {@code b} together, in order, without repeats. */
    static Set<String> union(List<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
