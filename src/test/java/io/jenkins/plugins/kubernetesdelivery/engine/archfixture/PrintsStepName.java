package io.jenkins.plugins.kubernetesdelivery.engine.archfixture;

import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;

/** A test-only engine class that prefixes its progress line with a step name, to prove the check can fail. */
public class PrintsStepName {
    public void report(ProgressListener progress, String pod) {
        progress.line("bakeImage: deleted builder pod " + pod);
    }
}
