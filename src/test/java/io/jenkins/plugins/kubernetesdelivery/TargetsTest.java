package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a step may deliver: environments, their job patterns, direct use of clusters, and every refusal. */
class TargetsTest {

    private static final List<KubernetesCluster> CLUSTERS = List.of(
            cluster("prod", "prod-default", false),
            cluster("sandbox", null, true),
            cluster("lab", "lab-default", true));

    private static final List<Environment> ENVIRONMENTS = List.of(
            environment("staging", "prod", "shop-staging", null, false),
            environment("production", "prod", "shop", "shop/**\nops/release", true),
            environment("plain", "prod", null, "shop/*", false),
            environment("nowhere", "gone", "x", null, false));

    /** environment, cluster, namespace, job → cluster, namespace, environment of the target. */
    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("staging", null, null, "anything/at/all", "prod", "shop-staging", "staging"),
                Arguments.of(" staging ", "", " ", "top", "prod", "shop-staging", "staging"),
                Arguments.of("production", null, null, "shop/web/main", "prod", "shop", "production"),
                Arguments.of("production", null, null, "ops/release", "prod", "shop", "production"),
                Arguments.of("production", null, null, "Shop/Web", "prod", "shop", "production"),
                Arguments.of("plain", null, null, "shop/web", "prod", "prod-default", "plain"),
                Arguments.of(null, "sandbox", "team-a", "any/job", "sandbox", "team-a", null),
                Arguments.of(null, "sandbox", null, "any/job", "sandbox", null, null),
                Arguments.of(null, "lab", null, "any/job", "lab", "lab-default", null),
                Arguments.of("", "lab", "exp-1", "any/job", "lab", "exp-1", null));
    }

    @ParameterizedTest(name = "[{index}] env={0} cluster={1} ns={2} job={3}")
    @MethodSource("allowed")
    void resolvesTheTarget(
            String env,
            String cluster,
            String namespace,
            String job,
            String expectedCluster,
            String expectedNamespace,
            String expectedEnvironment)
            throws Exception {
        Target t = Targets.resolve(CLUSTERS, ENVIRONMENTS, env, cluster, namespace, job);

        assertThat(t.cluster().getName()).isEqualTo(expectedCluster);
        assertThat(t.namespace()).isEqualTo(expectedNamespace);
        assertThat(t.environmentName()).isEqualTo(expectedEnvironment);
        if (expectedEnvironment != null) {
            assertThat(t.environment())
                    .isSameAs(ENVIRONMENTS.stream()
                            .filter(e -> e.getName().equals(expectedEnvironment))
                            .findFirst()
                            .orElseThrow());
        }
    }

    /** environment, cluster, namespace, job → the refusal. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("staging", "prod", null, "shop/web", Messages.Targets_Both("staging", "prod")),
                Arguments.of(
                        "staging",
                        null,
                        "other",
                        "shop/web",
                        Messages.Targets_NamespaceWithEnvironment("staging", "other")),
                Arguments.of(
                        null,
                        null,
                        null,
                        "shop/web",
                        Messages.Targets_Neither("'staging', 'production', 'plain', 'nowhere'")),
                Arguments.of(null, null, "team-a", "dev/tool", Messages.Targets_Neither("'staging', 'nowhere'")),
                Arguments.of(
                        "prodution",
                        null,
                        null,
                        "shop/web",
                        Messages.Targets_UnknownEnvironment(
                                "prodution", "'staging', 'production', 'plain', 'nowhere'")),
                Arguments.of(
                        "production",
                        null,
                        null,
                        "dev/tool",
                        Messages.Targets_JobNotAllowed("production", "dev/tool", "shop/**, ops/release")),
                Arguments.of(
                        "production",
                        null,
                        null,
                        "shop",
                        Messages.Targets_JobNotAllowed("production", "shop", "shop/**, ops/release")),
                Arguments.of(
                        "plain",
                        null,
                        null,
                        "shop/web/main",
                        Messages.Targets_JobNotAllowed("plain", "shop/web/main", "shop/*")),
                Arguments.of(
                        "nowhere",
                        null,
                        null,
                        "shop/web",
                        Messages.Targets_EnvironmentClusterMissing("nowhere", "gone")),
                Arguments.of(
                        null,
                        "prod",
                        "shop",
                        "shop/web",
                        Messages.Targets_DirectUseRefused("prod", "'staging', 'production', 'plain', 'nowhere'")),
                Arguments.of(
                        null,
                        "prod",
                        null,
                        "dev/tool",
                        Messages.Targets_DirectUseRefused("prod", "'staging', 'nowhere'")),
                Arguments.of(
                        null,
                        "sandbx",
                        "team-a",
                        "dev/tool",
                        Messages.Targets_UnknownCluster("sandbx", "'sandbox', 'lab'", "'staging', 'nowhere'")),
                Arguments.of(
                        null,
                        "sandbox",
                        "Team_A",
                        "dev/tool",
                        Messages.Targets_Namespace(
                                "Team_A",
                                "must consist of lower case letters, digits and '-',"
                                        + " and start and end with a letter or digit (RFC 1123 label)")));
    }

    @ParameterizedTest(name = "[{index}] env={0} cluster={1} ns={2} job={3}")
    @MethodSource("refused")
    void refusesNamingTheRule(String env, String cluster, String namespace, String job, String expected) {
        assertThatThrownBy(() -> Targets.resolve(CLUSTERS, ENVIRONMENTS, env, cluster, namespace, job))
                .isInstanceOf(AbortException.class)
                .hasMessage(expected);
    }

    @Test
    void refusalsSayWhatToChange() {
        assertThat(Messages.Targets_DirectUseRefused("prod", "'staging'"))
                .contains("Use an environment")
                .contains("let an administrator allow direct use");
        assertThat(Messages.Targets_JobNotAllowed("production", "dev/tool", "shop/**"))
                .contains("shop/**")
                .contains("dev/tool");
        assertThat(Messages.Targets_UnknownEnvironment("x", "'staging'")).contains("'staging'");
    }

    @Test
    void withoutAnyConfigurationTheMessagesSayNone() {
        assertThatThrownBy(() -> Targets.resolve(List.of(), List.of(), "staging", null, null, "job"))
                .hasMessage(Messages.Targets_UnknownEnvironment("staging", Messages.Targets_None()));
        assertThatThrownBy(() -> Targets.resolve(List.of(), List.of(), null, "c", null, "job"))
                .hasMessage(Messages.Targets_UnknownCluster("c", Messages.Targets_None(), Messages.Targets_None()));
    }

    @Test
    void theTargetCarriesTheApprovalPolicy() throws Exception {
        Target production = Targets.resolve(CLUSTERS, ENVIRONMENTS, "production", null, null, "shop/web");
        Target staging = Targets.resolve(CLUSTERS, ENVIRONMENTS, "staging", null, null, "shop/web");
        Target direct = Targets.resolve(CLUSTERS, ENVIRONMENTS, null, "sandbox", "a", "shop/web");

        assertThat(production.approval()).isNotNull();
        assertThat(production.approval().getApproverList()).containsExactly("alice", "release-managers");
        assertThat(staging.approval()).isNull();
        assertThat(direct.approval()).isNull();
        assertThat(production).hasToString("production (prod/shop)");
        assertThat(direct).hasToString("sandbox/a");
        assertThat(Targets.resolve(CLUSTERS, ENVIRONMENTS, null, "sandbox", null, "j"))
                .hasToString("sandbox/" + Messages.Target_DefaultNamespace());
    }

    static KubernetesCluster cluster(String name, String namespace, boolean direct) {
        KubernetesCluster c = new KubernetesCluster(name);
        c.setServerUrl("https://" + name + ".example.com");
        c.setNamespace(namespace);
        c.setAllowDirectUse(direct);
        return c;
    }

    /** D-9: only an environment can allow cluster-scoped objects; the default, and direct use of a cluster, refuse. */
    @Test
    void onlyAnEnvironmentThatSaysSoAllowsClusterScopedObjects() throws Exception {
        Environment platform = environment("platform", "prod", "platform", null, false);
        assertThat(platform.isAllowClusterScoped()).as("default").isFalse();
        platform.setAllowClusterScoped(true);
        List<Environment> environments = List.of(ENVIRONMENTS.get(0), platform);

        assertThat(Targets.resolve(CLUSTERS, environments, "platform", null, null, "ops/x")
                        .allowClusterScoped())
                .isTrue();
        assertThat(Targets.resolve(CLUSTERS, environments, "staging", null, null, "ops/x")
                        .allowClusterScoped())
                .isFalse();
        assertThat(Targets.resolve(CLUSTERS, environments, null, "sandbox", "team-a", "ops/x")
                        .allowClusterScoped())
                .as("direct use of a cluster")
                .isFalse();
    }

    static Environment environment(String name, String cluster, String namespace, String jobs, boolean approval) {
        Environment e = new Environment(name, cluster);
        e.setNamespace(namespace);
        e.setJobs(jobs);
        if (approval) {
            e.setApproval(new Approval("alice, release-managers"));
        }
        return e;
    }
}
