package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.PodDiagnosis;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Waits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Runs the verification as a Job of one pod ({@code <app>-<vN>-verify}, no retries) and waits for its verdict. */
final class VerificationJob {

    private VerificationJob() {}

    static String name(ReleaseMetadata meta) {
        return meta.app() + "-" + meta.release() + "-verify";
    }

    static void run(
            KubernetesClient client,
            String ns,
            ReleaseMetadata meta,
            Verification v,
            Duration timeout,
            ProgressListener progress) {
        String name = name(meta);
        Map<String, String> podLabels = new LinkedHashMap<>(v.podLabels());
        podLabels.put(ReleaseLabels.APP, meta.app());
        podLabels.put(ReleaseLabels.RELEASE, meta.release());
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(meta.labels())
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withTtlSecondsAfterFinished(3600)
                .withActiveDeadlineSeconds(Math.max(1, timeout.toSeconds()))
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("verify")
                .withImage(v.image())
                .withCommand(v.command())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        if (client.batch().v1().jobs().inNamespace(ns).withName(name).get() == null) {
            client.batch().v1().jobs().inNamespace(ns).resource(job).create();
        }
        progress.line("verifying " + ns + "/" + meta.app() + " " + meta.release() + " with Job " + ns + "/" + name);
        try {
            var resource = client.batch().v1().jobs().inNamespace(ns).withName(name);
            List<Job> done = new Waits(client, progress)
                    .until(
                            resource,
                            () -> Optional.ofNullable(resource.get())
                                    .map(List::of)
                                    .orElse(List.of()),
                            list -> !list.isEmpty() && verdict(list.get(0)) != null,
                            timeout,
                            "Job " + ns + "/" + name,
                            "verifying with Job " + ns + "/" + name);
            if (!"Complete".equals(verdict(done.get(0)))) {
                throw new ReleaseException("verification Job " + ns + "/" + name + " failed"
                        + podReason(client, ns, name) + "; the Services were not switched");
            }
            progress.line("verification Job " + ns + "/" + name + " passed");
        } catch (TimeoutException e) {
            throw new ReleaseException("verification Job " + ns + "/" + name + " did not finish in "
                    + timeout.toSeconds() + " s" + podReason(client, ns, name) + "; the Services were not switched");
        }
    }

    /** {@code Complete}, {@code Failed}, or {@code null} while it runs. */
    static String verdict(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if (("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus())) {
                return c.getType();
            }
        }
        return null;
    }

    private static String podReason(KubernetesClient client, String ns, String job) {
        List<Pod> pods = client.pods()
                .inNamespace(ns)
                .withLabel("batch.kubernetes.io/job-name", job)
                .list()
                .getItems();
        return PodDiagnosis.summary(pods).map(r -> ": " + r).orElse("");
    }
}
