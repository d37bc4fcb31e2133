package org.jenkinsci.plugins.workflow.steps;

import org.jvnet.hudson.test.JenkinsRule;

/** From workflow-step-api's test jar (classifier {@code tests}). */
public final class StepConfigTester {

    public StepConfigTester(JenkinsRule rule) {
        throw new UnsupportedOperationException();
    }

    public <S extends Step> S configRoundTrip(S before) throws Exception {
        throw new UnsupportedOperationException();
    }
}
