package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which build of this job deployed the live release, from the build URL recorded in the release. */
class BuildChangesTest {

    private static final String JOB = "job/shop/job/web/job/main/";

    private static final String ROOT = "https://ci.example.com/";

    @Test
    void buildNumbersOfThisJobAbsoluteOrRelative() {
        assertThat(BuildChanges.buildNumber(ROOT + JOB + "10/", ROOT, JOB)).isEqualTo(OptionalInt.of(10));
        assertThat(BuildChanges.buildNumber(ROOT + JOB + "7", "https://ci.example.com", JOB))
                .as("root URL without its slash, build URL without its own")
                .isEqualTo(OptionalInt.of(7));
        assertThat(BuildChanges.buildNumber(JOB + "3/", null, JOB)).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void otherJobsOtherJenkinsAndOtherTextAreNotBuildsOfThisJob() {
        assertThat(BuildChanges.buildNumber(ROOT + "job/shop/job/web/job/main2/10/", ROOT, JOB))
                .isEmpty();
        assertThat(BuildChanges.buildNumber(ROOT + "job/x/" + JOB + "10/", ROOT, JOB))
                .as("a job of the same name in another folder")
                .isEmpty();
        assertThat(BuildChanges.buildNumber("http://old-name:8080/jenkins/" + JOB + "10/", ROOT, JOB))
                .as("another Jenkins, or a root URL changed since: not known")
                .isEmpty();
        assertThat(BuildChanges.buildNumber(ROOT + JOB + "10/", null, JOB))
                .as("no root URL configured now")
                .isEmpty();
        assertThat(BuildChanges.buildNumber(ROOT + JOB + "10/console", ROOT, JOB))
                .isEmpty();
        assertThat(BuildChanges.buildNumber(ROOT + JOB + "lastBuild/", ROOT, JOB))
                .isEmpty();
        assertThat(BuildChanges.buildNumber(ROOT + JOB + "0/", ROOT, JOB)).isEmpty();
        assertThat(BuildChanges.buildNumber(ROOT + JOB + "99999999999/", ROOT, JOB))
                .isEmpty();
        assertThat(BuildChanges.buildNumber(null, ROOT, JOB)).isEmpty();
    }

    @Test
    void theJobUrlFromABuildUrl() {
        assertThat(BuildChanges.jobUrl("job/shop/job/web/job/main/12/", 12)).isEqualTo(JOB);
    }

    @Test
    void theStarterIsTheUserOfTheFirstUserCause() {
        Cause timer = new Cause() {
            @Override
            public String getShortDescription() {
                return "Started by timer";
            }
        };
        assertThat(BuildChanges.starter(List.of(timer, new Cause.UserIdCause("alice"))))
                .isEqualTo("alice");
        assertThat(BuildChanges.starter(List.of(timer))).isNull();
        assertThat(BuildChanges.starter(List.of(new Cause.UserIdCause(null)))).isNull();
    }
}
