package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Audit D-9, against testenv: a release changes its own namespace only. Cluster-scoped kinds, as the API server's
 * discovery says (not a list of names), are refused before anything changes unless the request allows them; when
 * allowed they are named on the console.
 */
@Tag("cluster")
class ClusterScopeClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    private String clusterRole() {
        return ns.name() + "-reader";
    }

    private String clusterObjects() {
        return """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: %1$s-reader
                rules: []
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %1$s-extra
                """.formatted(ns.name());
    }

    /** Only what this test may have created; never another namespace's or the cluster's own objects. */
    @AfterEach
    void deleteClusterObjects() {
        ns.client().rbac().clusterRoles().withName(clusterRole()).delete();
        ns.client().namespaces().withName(ns.name() + "-extra").delete();
    }

    @Test
    void clusterScopedKindsAreRefusedBeforeAnyChange() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(1)
                                .manifest("k8s/cluster.yaml", clusterObjects())
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("cluster-scoped")
                .hasMessageContaining("ClusterRole " + clusterRole())
                .hasMessageContaining("Namespace " + ns.name() + "-extra")
                .hasMessageContaining("nothing was changed");
        assertThat(ns.client().rbac().clusterRoles().withName(clusterRole()).get())
                .isNull();
        assertThat(ns.client().namespaces().withName(ns.name() + "-extra").get())
                .isNull();
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get())
                .isNull();
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .list()
                        .getItems())
                .isEmpty();
    }

    @Test
    void allowedClusterScopedKindsAreAppliedAndNamedOnTheConsole() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        String role = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: %s
                rules: []
                """.formatted(clusterRole());
        DeployResult v1 = f.engine()
                .deploy(f.request(1)
                        .manifest("k8s/role.yaml", role)
                        .allowClusterScoped(true)
                        .build());
        assertThat(v1.release()).isEqualTo("v1");
        assertThat(f.lines)
                .contains("cluster-scoped objects of " + ns.name() + "/web (allowed for this target):" + " ClusterRole "
                        + clusterRole());
        var applied = ns.client().rbac().clusterRoles().withName(clusterRole()).get();
        assertThat(applied).as("applied cluster-wide").isNotNull();
        assertThat(applied.getMetadata().getNamespace()).isNull();
        assertThat(applied.getMetadata().getLabels()).containsEntry(ReleaseLabels.APP, "web");
    }

    /** A namespaced kind of the RBAC group passes: the scope is the kind's, not its group's. */
    @Test
    void aNamespacedKindIsNotRefused() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        String role = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: reader
                rules: []
                """;
        assertThat(f.engine()
                        .deploy(f.request(1).manifest("k8s/role.yaml", role).build())
                        .release())
                .isEqualTo("v1");
        assertThat(f.lines).noneMatch(l -> l.contains("cluster-scoped"));
    }

    /** The scope comes from discovery, so a custom kind whose CRD is cluster-scoped is refused like a built-in one. */
    @Test
    void aCustomKindIsJudgedByItsDefinitionsScope() {
        String group = "scope" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("tenants." + group)
                .endMetadata()
                .withNewSpec()
                .withGroup(group)
                .withScope("Cluster")
                .withNewNames()
                .withKind("Tenant")
                .withPlural("tenants")
                .withSingular("tenant")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
        ns.client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(crd)
                .create();
        try {
            ns.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .waitUntilCondition(
                            c -> c != null
                                    && c.getStatus() != null
                                    && c.getStatus().getConditions() != null
                                    && c.getStatus().getConditions().stream()
                                            .anyMatch(x ->
                                                    "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                            30,
                            TimeUnit.SECONDS);
            ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
            String tenant = "apiVersion: " + group + "/v1\nkind: Tenant\nmetadata: {name: " + ns.name() + "}\n";
            assertThatThrownBy(() -> f.engine()
                            .deploy(f.request(1)
                                    .manifest("k8s/tenant.yaml", tenant)
                                    .build()))
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("cluster-scoped objects (Tenant " + ns.name() + ")");
            assertThat(ns.client()
                            .genericKubernetesResources(group + "/v1", "Tenant")
                            .list()
                            .getItems())
                    .isEmpty();
        } finally {
            ns.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(crd)
                    .delete();
        }
    }

    @Test
    void manyObjectsAreNamedOnOneBoundedLine() {
        List<String> many =
                IntStream.range(0, 500).mapToObj(i -> "ClusterRole r" + i).toList();
        assertThat(ObjectApplier.names(many))
                .startsWith("ClusterRole r0, ClusterRole r1,")
                .endsWith("ClusterRole r9 and 490 more");
        assertThat(ObjectApplier.names(many.subList(0, 2))).isEqualTo("ClusterRole r0, ClusterRole r1");
    }
}
