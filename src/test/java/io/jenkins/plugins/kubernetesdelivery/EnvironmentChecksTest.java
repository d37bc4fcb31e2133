package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The environment and approval form checks, and what refuses saving a list of environments. */
class EnvironmentChecksTest {

    private static final List<KubernetesCluster> CLUSTERS =
            List.of(new KubernetesCluster("prod"), new KubernetesCluster("lab"));

    @Test
    void namesAreDns1123Labels() {
        assertThat(EnvironmentChecks.name("production").kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation bad = EnvironmentChecks.name("Prod env");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("Prod env").contains("RFC 1123 label");
        assertThat(EnvironmentChecks.name(" ").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void theClusterMustBeConfigured() {
        assertThat(EnvironmentChecks.cluster("prod", CLUSTERS).kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation missing = EnvironmentChecks.cluster("gone", CLUSTERS);
        assertThat(missing.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(missing.getMessage()).isEqualTo(Messages.EnvironmentChecks_UnknownCluster("gone", "'prod', 'lab'"));

        assertThat(EnvironmentChecks.cluster("", CLUSTERS).getMessage())
                .isEqualTo(Messages.EnvironmentChecks_NoCluster());
    }

    @Test
    void namespaceIsOptionalButMustBeALabel() {
        assertThat(EnvironmentChecks.namespace("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EnvironmentChecks.namespace("shop").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EnvironmentChecks.namespace("shop/prod").getMessage())
                .contains("shop/prod")
                .contains("RFC 1123");
    }

    @Test
    void jobPatternsAreCheckedLineByLine() {
        FormValidation empty = EnvironmentChecks.jobs(" \n");
        assertThat(empty.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(empty.getMessage()).isEqualTo(Messages.EnvironmentChecks_AllJobs());

        assertThat(EnvironmentChecks.jobs("shop/**\nops/*").kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation bad = EnvironmentChecks.jobs("shop/**\nops//x");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage())
                .isEqualTo(Messages.EnvironmentChecks_Pattern("ops//x", Messages.JobPatterns_EmptySegment()));

        FormValidation tooMany = EnvironmentChecks.jobs("a\n".repeat(101));
        assertThat(tooMany.getMessage()).isEqualTo(Messages.EnvironmentChecks_TooManyPatterns(100, 101));
    }

    @Test
    void approvalNeedsApproversAndABoundedTimeout() {
        assertThat(EnvironmentChecks.approvers("alice, release-managers").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EnvironmentChecks.approvers(" , ").getMessage()).isEqualTo(Messages.EnvironmentChecks_NoApprovers());

        assertThat(EnvironmentChecks.timeoutMinutes("1").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EnvironmentChecks.timeoutMinutes("43200").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EnvironmentChecks.timeoutMinutes("0").getMessage())
                .isEqualTo(Messages.EnvironmentChecks_Timeout("0", "43200"));
        assertThat(EnvironmentChecks.timeoutMinutes("43201").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(EnvironmentChecks.timeoutMinutes("a day").getMessage())
                .isEqualTo(Messages.EnvironmentChecks_Timeout("a day", "43200"));
        assertThat(EnvironmentChecks.timeoutMinutes(null).kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void selfApprovalIsWarnedAbout() {
        assertThat(EnvironmentChecks.allowSelfApproval(false).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(EnvironmentChecks.allowSelfApproval(true).kind).isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    void approvalIsAPlainValue() {
        Approval a = new Approval(" alice,, release-managers ,bob ");
        assertThat(a.getApprovers()).isEqualTo("alice, release-managers, bob");
        assertThat(a.getApproverList()).containsExactly("alice", "release-managers", "bob");
        assertThat(a.isAllowSelfApproval()).isFalse();
        assertThat(a.getTimeoutMinutes())
                .isEqualTo(Approval.DEFAULT_TIMEOUT_MINUTES)
                .isEqualTo(1440);
        a.setTimeoutMinutes(90);
        assertThat(a.getTimeout()).hasMinutes(90);
        assertThat(new Approval(null).getApproverList()).isEmpty();
    }

    @Test
    void environmentsNormalizeTheirFields() {
        Environment e = new Environment(" production ", " prod ");
        e.setNamespace("  ");
        e.setJobs("\n shop/** \n\n ops/release\n");

        assertThat(e.getName()).isEqualTo("production");
        assertThat(e.getCluster()).isEqualTo("prod");
        assertThat(e.getNamespace()).isNull();
        assertThat(e.getJobs()).isEqualTo("shop/**\nops/release");
        assertThat(e.getJobPatterns()).containsExactly("shop/**", "ops/release");
        assertThat(e.allowsJob("shop/web")).isTrue();
        assertThat(e.allowsJob("dev/web")).isFalse();
        assertThat(e.isApprovalRequired()).isFalse();

        e.setJobs(" ");
        assertThat(e.getJobs()).isNull();
        assertThat(e.allowsJob("dev/web")).isTrue();
    }

    @Test
    void aValidListHasNoProblems() {
        Environment staging = new Environment("staging", "prod");
        Environment production = new Environment("production", "prod");
        production.setJobs("shop/**");
        production.setApproval(new Approval("alice"));

        assertThat(EnvironmentChecks.problems(List.of(staging, production), CLUSTERS))
                .isEmpty();
    }

    @Test
    void everyProblemNamesTheEnvironment() {
        Environment unnamed = new Environment(" ", "prod");
        Environment first = new Environment("staging", "prod");
        Environment duplicate = new Environment("staging", "lab");
        Environment bad = new Environment("Bad_Name", "gone");
        Environment details = new Environment("production", null);
        details.setNamespace("Shop");
        details.setJobs("shop/**\nweb**");
        Approval approval = new Approval("");
        approval.setTimeoutMinutes(0);
        details.setApproval(approval);

        List<String> problems = EnvironmentChecks.problems(List.of(unnamed, first, duplicate, bad, details), CLUSTERS);

        assertThat(problems)
                .containsExactly(
                        Messages.EnvironmentChecks_NoName(),
                        Messages.EnvironmentChecks_Duplicate("staging"),
                        Messages.EnvironmentChecks_Invalid(
                                "Bad_Name", EnvironmentChecks.name("Bad_Name").getMessage()),
                        Messages.EnvironmentChecks_Invalid(
                                "Bad_Name", Messages.EnvironmentChecks_UnknownCluster("gone", "'prod', 'lab'")),
                        Messages.EnvironmentChecks_Invalid("production", Messages.EnvironmentChecks_NoCluster()),
                        Messages.EnvironmentChecks_Invalid(
                                "production",
                                EnvironmentChecks.namespace("Shop").getMessage()),
                        Messages.EnvironmentChecks_Invalid(
                                "production",
                                Messages.EnvironmentChecks_Pattern("web**", Messages.JobPatterns_DoubleStar())),
                        Messages.EnvironmentChecks_Invalid("production", Messages.EnvironmentChecks_NoApprovers()),
                        Messages.EnvironmentChecks_Invalid(
                                "production", Messages.EnvironmentChecks_Timeout("0", "43200")));
    }

    @Test
    void withoutClustersOnlyTheirPresenceIsChecked() {
        Environment elsewhere = new Environment("staging", "not-yet-configured");
        Environment none = new Environment("production", "");

        assertThat(EnvironmentChecks.problems(List.of(elsewhere, none), null))
                .containsExactly(
                        Messages.EnvironmentChecks_Invalid("production", Messages.EnvironmentChecks_NoCluster()));
    }
}
