package io.jenkins.plugins.kubernetesdelivery.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Cause;
import io.jenkins.plugins.kubernetesdelivery.steps.RunFacts.Checkout;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunFactsTest {

    static final class Timer extends Cause {
        @Override
        public String getShortDescription() {
            return "Started by timer";
        }
    }

    private static final String LIB = "https://git.example.com/pipeline-library.git";
    private static final String APP = "https://git.example.com/shop/web.git";

    @Test
    void buildUrlIsAbsoluteWhenJenkinsKnowsItsRootUrl() {
        assertThat(RunFacts.buildUrl("https://ci.example.com/", "job/web/12/"))
                .isEqualTo("https://ci.example.com/job/web/12/");
        assertThat(RunFacts.buildUrl("https://ci.example.com/jenkins", "job/web/12/"))
                .isEqualTo("https://ci.example.com/jenkins/job/web/12/");
        assertThat(RunFacts.buildUrl(null, "job/web/12/")).isEqualTo("job/web/12/");
        assertThat(RunFacts.buildUrl(" ", "job/web/12/")).isEqualTo("job/web/12/");
    }

    @Test
    void theActorIsTheUserWhoStartedTheBuildElseTheFirstCause() {
        assertThat(RunFacts.actor(List.of(new Timer(), new Cause.UserIdCause("alice"))))
                .isEqualTo("alice");
        assertThat(RunFacts.actor(List.of(new Timer()))).isEqualTo("Started by timer");
        assertThat(RunFacts.actor(List.of())).isNull();
    }

    @Test
    void theCommitIsTheLastCheckoutsPreferringTheRepositoryOfGitUrl() {
        Checkout library = new Checkout(Set.of(LIB), "1111111111111111111111111111111111111111");
        Checkout app = new Checkout(Set.of(APP), "2222222222222222222222222222222222222222");
        assertThat(RunFacts.gitCommit(List.of(library, app), null, null)).isEqualTo(app.commit());
        assertThat(RunFacts.gitCommit(List.of(app, library), null, null))
                .as("the last, as the Git plugin chooses")
                .isEqualTo(library.commit());
        assertThat(RunFacts.gitCommit(List.of(app, library), APP, null)).isEqualTo(app.commit());
        assertThat(RunFacts.gitCommit(List.of(app, new Checkout(null, null)), null, "3333333"))
                .isEqualTo(app.commit());
    }

    @Test
    void withoutACheckoutTheCommitComesFromGitCommit() {
        assertThat(RunFacts.gitCommit(List.of(), null, " abcdef1 ")).isEqualTo("abcdef1");
        assertThat(RunFacts.gitCommit(List.of(new Checkout(Set.of(APP), null)), APP, "abcdef1"))
                .isEqualTo("abcdef1");
        assertThat(RunFacts.gitCommit(List.of(), null, "")).isNull();
        assertThat(RunFacts.gitCommit(List.of(), null, null)).isNull();
    }

    @Test
    void jobAndBuildUrlAreRequired() {
        assertThatThrownBy(() -> new RunFacts(null, "u", null, null)).isInstanceOf(NullPointerException.class);
        assertThat(new RunFacts("shop/web", "job/shop/job/web/1/", null, null).actor())
                .isNull();
    }
}
