package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalDecision.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The approval policy as a table: who may approve production under which policy, and which rule decides. */
class ApprovalRulesTest {

    private static final ApprovalPolicy MANAGERS = policy(false, "release-managers", "carol");
    private static final ApprovalPolicy SELF_ALLOWED = policy(true, "release-managers", "carol");
    private static final Map<String, Set<String>> GROUPS = Map.of(
            "dave", Set.of("release-managers"),
            "alice", Set.of("developers", "release-managers"),
            "erin", Set.of("developers"),
            "root", Set.of("admins"));
    private static final Set<String> ADMINS = Set.of("root");

    /** One row: a policy now, the approval's facts, the matching rules, and the rule expected to decide. */
    record Row(
            String name, ApprovalPolicy policy, ApprovalFacts facts, IdMatcher ids, IdMatcher groups, Rule expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> table() {
        IdMatcher ci = IdMatcher.CASE_INSENSITIVE;
        IdMatcher cs = IdMatcher.CASE_SENSITIVE;
        return Stream.of(
                row("approver named by id", MANAGERS, facts("carol"), ci, ci, Rule.APPROVER),
                row("id in another case, Jenkins' default", MANAGERS, facts("Carol"), ci, ci, Rule.APPROVER),
                row("id in another case, case-sensitive realm", MANAGERS, facts("Carol"), cs, ci, Rule.NOT_AN_APPROVER),
                row("in a named group", MANAGERS, facts("dave"), ci, ci, Rule.GROUP),
                row(
                        "group named in another case",
                        policy(false, "Release-Managers"),
                        facts("dave"),
                        ci,
                        ci,
                        Rule.GROUP),
                row(
                        "group in another case, case-sensitive groups",
                        policy(false, "Release-Managers"),
                        facts("dave"),
                        ci,
                        cs,
                        Rule.NOT_AN_APPROVER),
                row("neither named nor in a group", MANAGERS, facts("erin"), ci, ci, Rule.NOT_AN_APPROVER),
                row("administrator, not named", MANAGERS, facts("root"), ci, ci, Rule.ADMINISTRATOR),
                row(
                        "administrator who started the build",
                        MANAGERS,
                        facts("root", "root"),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_BY_STARTER),
                row("starter approves", MANAGERS, facts("carol", "carol"), ci, ci, Rule.SELF_APPROVAL_BY_STARTER),
                row(
                        "starter approves, id in another case",
                        MANAGERS,
                        facts("CAROL", "carol"),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_BY_STARTER),
                row(
                        "commit author approves",
                        MANAGERS,
                        facts("carol", "bob", "carol", "erin"),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_BY_AUTHOR),
                row(
                        "group member who wrote a commit",
                        MANAGERS,
                        facts("alice", "bob", "alice"),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_BY_AUTHOR),
                row(
                        "starter approves, self-approval allowed",
                        SELF_ALLOWED,
                        facts("carol", "carol"),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_ALLOWED),
                row(
                        "author approves, self-approval allowed",
                        SELF_ALLOWED,
                        facts("alice", "bob", "alice"),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_ALLOWED),
                row("nobody signed in", MANAGERS, facts(null), ci, ci, Rule.NO_APPROVER),
                row("blank approver", MANAGERS, facts("  "), ci, ci, Rule.NO_APPROVER),
                row("policy names no approvers", policy(false), facts("carol"), ci, ci, Rule.NO_APPROVERS),
                row(
                        "no starter (timer), approver not an author",
                        MANAGERS,
                        facts("carol", null, "bob"),
                        ci,
                        ci,
                        Rule.APPROVER),
                row(
                        "policy unchanged since the input admitted a group member",
                        MANAGERS,
                        admitted("dave", MANAGERS),
                        ci,
                        ci,
                        Rule.ADMITTED_BY_INPUT),
                row(
                        "policy unchanged but reordered",
                        policy(false, "carol", "Release-Managers"),
                        admitted("dave", MANAGERS),
                        ci,
                        ci,
                        Rule.ADMITTED_BY_INPUT),
                row(
                        "approvers changed after the approval: approver removed",
                        policy(false, "carol"),
                        admitted("dave", MANAGERS),
                        ci,
                        ci,
                        Rule.NOT_AN_APPROVER),
                row(
                        "approvers changed, approver still in a group named now",
                        policy(false, "release-managers"),
                        admitted("dave", policy(false, "dave")),
                        ci,
                        ci,
                        Rule.GROUP),
                row(
                        "self-approval forbidden after the approval",
                        MANAGERS,
                        new ApprovalFacts("production", "carol", "carol", Set.of(), SELF_ALLOWED),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_BY_STARTER),
                row(
                        "self-approval allowed after the approval",
                        SELF_ALLOWED,
                        new ApprovalFacts("production", "carol", "carol", Set.of(), MANAGERS),
                        ci,
                        ci,
                        Rule.SELF_APPROVAL_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(Row row) {
        ApprovalDecision d =
                ApprovalRules.decide(row.policy(), row.facts(), new FakeDirectory(), row.ids(), row.groups());

        assertThat(d.rule()).isEqualTo(row.expected());
        assertThat(d.allowed()).isEqualTo(row.expected().allows());
        assertThat(d.reason()).contains("production");
    }

    @Test
    void theTableHasTwentyRowsAtLeastAndEveryRule() {
        List<Row> rows = table().toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(20);
        assertThat(rows.stream().map(Row::expected).distinct()).containsExactlyInAnyOrder(Rule.values());
    }

    @Test
    void refusalsSayWhoWhatAndWhatToDo() {
        ApprovalDecision starter = ApprovalRules.decide(MANAGERS, facts("carol", "carol"), Directory.NONE);
        assertThat(starter.reason())
                .isEqualTo("carol approved production but started this build; the policy of"
                        + " production does not allow self-approval: another of its approvers (release-managers, carol) must"
                        + " approve it");

        ApprovalDecision author = ApprovalRules.decide(MANAGERS, facts("carol", "bob", "carol"), Directory.NONE);
        assertThat(author.reason()).contains("wrote commits being approved");

        ApprovalDecision stranger = ApprovalRules.decide(MANAGERS, facts("erin"), Directory.NONE);
        assertThat(stranger.reason())
                .isEqualTo("erin approved production but is none of its approvers under the"
                        + " current policy (release-managers, carol); one of them must approve it");
    }

    @Test
    void theDirectoryIsAskedOnlyWhenTheIdDoesNotDecide() {
        FakeDirectory directory = new FakeDirectory();
        ApprovalRules.decide(MANAGERS, facts("carol"), directory);
        ApprovalRules.decide(MANAGERS, admitted("dave", MANAGERS), directory);
        assertThat(directory.asked)
                .as("named by id, or admitted under the same approvers")
                .isEmpty();

        ApprovalRules.decide(policy(false, "carol"), admitted("dave", MANAGERS), directory);
        assertThat(directory.asked).containsExactly("groups of dave", "administrator dave");
    }

    @Test
    void anApproverWhoseLookupFailsIsNotAllowed() {
        ApprovalDecision d = ApprovalRules.decide(policy(false, "release-managers"), facts("dave"), Directory.NONE);
        assertThat(d.rule()).isEqualTo(Rule.NOT_AN_APPROVER);
    }

    private static Row row(
            String name, ApprovalPolicy policy, ApprovalFacts facts, IdMatcher ids, IdMatcher groups, Rule expected) {
        return new Row(name, policy, facts, ids, groups, expected);
    }

    private static ApprovalPolicy policy(boolean allowSelf, String... approvers) {
        return new ApprovalPolicy(List.of(approvers), allowSelf, 60);
    }

    /** Approved by {@code approver} in a build started by bob, with no commits. */
    private static ApprovalFacts facts(String approver) {
        return new ApprovalFacts("production", approver, "bob", Set.of(), null);
    }

    private static ApprovalFacts facts(String approver, String starter, String... authors) {
        return new ApprovalFacts("production", approver, starter, Set.of(authors), null);
    }

    private static ApprovalFacts admitted(String approver, ApprovalPolicy underPolicy) {
        return new ApprovalFacts("production", approver, "bob", Set.of(), underPolicy);
    }

    /** Groups and administrators of the table; records what it was asked. */
    static final class FakeDirectory implements Directory {
        final List<String> asked = new ArrayList<>();

        @Override
        public Collection<String> groupsOf(String userId) {
            asked.add("groups of " + userId);
            return GROUPS.getOrDefault(userId, Set.of());
        }

        @Override
        public boolean isAdministrator(String userId) {
            asked.add("administrator " + userId);
            return ADMINS.contains(userId);
        }
    }
}
