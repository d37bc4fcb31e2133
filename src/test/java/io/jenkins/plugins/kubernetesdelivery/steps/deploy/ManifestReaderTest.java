package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a deploy's manifests from a workspace, through the one file callable, over a temporary directory. */
class ManifestReaderTest {

    @TempDir
    Path ws;

    private Path write(String name, String text) throws Exception {
        Path p = ws.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private ManifestReader.Result read(String manifests) throws Exception {
        return ManifestReader.read(new FilePath(ws.toFile()), manifests);
    }

    private static List<String> names(ManifestReader.Result r) {
        return r.files().stream().map(ManifestReader.Manifest::name).toList();
    }

    @Test
    void aFileIsReadWhateverItsExtension() throws Exception {
        write("k8s/web.yaml", "kind: Deployment\n");
        write("deploy/app.tpl", "kind: Service\n");
        assertThat(read("k8s/web.yaml").files())
                .containsExactly(new ManifestReader.Manifest("k8s/web.yaml", "kind: Deployment\n"));
        assertThat(read("./deploy/app.tpl").files())
                .extracting(ManifestReader.Manifest::name)
                .containsExactly("deploy/app.tpl");
    }

    @Test
    void aDirectoryGivesItsManifestsSortedWithoutSubdirectoriesAndSkipsTheRest() throws Exception {
        write("k8s/svc.yml", "kind: Service\n");
        write("k8s/web.yaml", "kind: Deployment\n");
        write("k8s/extra.JSON", "{\"kind\": \"ConfigMap\"}");
        write("k8s/README.md", "# not a manifest\n");
        write("k8s/overlays/prod.yaml", "kind: ConfigMap\n");
        ManifestReader.Result r = read("k8s/");
        assertThat(names(r)).containsExactly("k8s/extra.JSON", "k8s/svc.yml", "k8s/web.yaml");
        assertThat(r.skipped()).containsExactly("k8s/README.md");
        assertThat(ManifestReader.files(r))
                .first()
                .isEqualTo(new ManifestFile("k8s/extra.JSON", "{\"kind\": \"ConfigMap\"}"));
        assertThat(names(read("k8s"))).isEqualTo(names(r));
    }

    @Test
    void anAntGlobMatchesAcrossDirectoriesAndSkipsOtherExtensions() throws Exception {
        write("k8s/base/web.yaml", "kind: Deployment\n");
        write("k8s/prod/svc.yaml", "kind: Service\n");
        write("k8s/prod/notes.txt", "notes\n");
        write("other/x.yaml", "kind: ConfigMap\n");
        ManifestReader.Result r = read("k8s/**");
        assertThat(names(r)).containsExactly("k8s/base/web.yaml", "k8s/prod/svc.yaml");
        assertThat(r.skipped()).containsExactly("k8s/prod/notes.txt");
        assertThat(names(read("k8s/**/*.yaml, other/*.yaml")))
                .containsExactly("k8s/base/web.yaml", "k8s/prod/svc.yaml", "other/x.yaml");
    }

    @Test
    void nothingToReadSaysWhat() throws Exception {
        write("k8s/README.md", "# not a manifest\n");
        assertThatThrownBy(() -> read("k8s/"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifests 'k8s/' names no .yaml, .yml or .json file in the workspace (skipped:"
                        + " k8s/README.md)");
        assertThatThrownBy(() -> read("deploy/*.yaml"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifests 'deploy/*.yaml' names no .yaml, .yml or .json file in the workspace");
        assertThatThrownBy(() -> read("deploy/web.yaml"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifests 'deploy/web.yaml' does not exist in the workspace; check the path (relative"
                        + " to the workspace) or the checkout");
    }

    @Test
    void nothingOutsideTheWorkspaceIsRead(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.yaml"), "kind: Secret\n");
        for (String path : List.of(
                outside.resolve("secret.yaml").toString(),
                "../secret.yaml",
                "k8s/../../x.yaml",
                "..\\secret.yaml",
                "C:\\secret.yaml")) {
            assertThatThrownBy(() -> read(path))
                    .as(path)
                    .isInstanceOf(AbortException.class)
                    .hasMessageContaining("must be a path or Ant glob inside the workspace: relative, without '..'");
        }
        Files.createDirectories(ws.resolve("k8s"));
        Files.createSymbolicLink(ws.resolve("k8s/linked.yaml"), outside.resolve("secret.yaml"));
        assertThatThrownBy(() -> read("k8s/"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifest k8s/linked.yaml is a link to a file outside the workspace; deploy only files"
                        + " inside it");
        Files.createSymbolicLink(ws.resolve("elsewhere"), outside);
        assertThatThrownBy(() -> read("elsewhere/secret.yaml"))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("is a link to a file outside the workspace");
    }

    @Test
    void aLinkInsideTheWorkspaceIsFine() throws Exception {
        write("base/web.yaml", "kind: Deployment\n");
        Files.createDirectories(ws.resolve("k8s"));
        Files.createSymbolicLink(ws.resolve("k8s/web.yaml"), ws.resolve("base/web.yaml"));
        assertThat(read("k8s/").files())
                .containsExactly(new ManifestReader.Manifest("k8s/web.yaml", "kind: Deployment\n"));
    }

    @Test
    void tooManyFilesAreRefused() throws Exception {
        for (int i = 0; i <= ManifestReader.MAX_FILES; i++) {
            write(String.format("k8s/m%03d.yaml", i), "kind: ConfigMap\n");
        }
        assertThatThrownBy(() -> read("k8s/"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifests 'k8s/' names 101 files; a deploy reads at most 100. Name fewer files (a"
                        + " directory or a narrower glob).");
        Files.delete(ws.resolve("k8s/m000.yaml"));
        assertThat(read("k8s/").files()).hasSize(ManifestReader.MAX_FILES);
    }

    @Test
    void aFileOverTheLimitIsRefused() throws Exception {
        write("k8s/big.yaml", "#".repeat(ManifestReader.MAX_FILE_BYTES + 1));
        assertThatThrownBy(() -> read("k8s/big.yaml"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifest k8s/big.yaml is larger than 3145728 bytes, the limit per file");
        write("k8s/big.yaml", "#".repeat(ManifestReader.MAX_FILE_BYTES));
        assertThat(read("k8s/big.yaml").files()).hasSize(1);
    }

    @Test
    void manifestsOverTheTotalLimitAreRefused() throws Exception {
        int each = ManifestReader.MAX_TOTAL_BYTES / 4 + 1;
        for (int i = 0; i < 4; i++) {
            write("k8s/part" + i + ".yaml", "#".repeat(each));
        }
        assertThatThrownBy(() -> read("k8s/*.yaml"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifests 'k8s/*.yaml' are larger than 10485760 bytes together, the limit per deploy");
    }

    @Test
    void textMustBeUtf8() throws Exception {
        Files.createDirectories(ws.resolve("k8s"));
        Files.write(ws.resolve("k8s/latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> read("k8s/latin1.yaml"))
                .isInstanceOf(AbortException.class)
                .hasMessage("manifest k8s/latin1.yaml is not UTF-8 text");
        write("k8s/utf8.yaml", "a: é\n");
        assertThat(read("k8s/utf8.yaml").files().get(0).text()).isEqualTo("a: é\n");
    }

    @Test
    void withoutAWorkspaceTheMessageSaysToUseNodeOrNoManifests() {
        assertThatThrownBy(() -> ManifestReader.read(null, "k8s/"))
                .isInstanceOf(AbortException.class)
                .hasMessage("deployLabeled reads manifests 'k8s/' from a workspace, but runs outside node {}: wrap"
                        + " deployLabeled in node {} to read manifests from a workspace, or deploy without manifests.");
    }

    @Test
    void aWorkspaceNotCreatedYetSaysSo() {
        FilePath missing = new FilePath(ws.resolve("not-yet").toFile());
        assertThatThrownBy(() -> ManifestReader.read(missing, "k8s/"))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("does not exist yet: check out the sources");
    }

    @Test
    void theCallableAndItsResultTravelOverRemotingWithoutShowingText() throws Exception {
        write("k8s/web.yaml", "kind: Secret\nstringData: {password: " + DeployFixtures.MANIFEST_SECRET + "}\n");
        ManifestReader.Result r = read("k8s/");
        assertThat(roundTrip(new ManifestReader("k8s/"))).isNotNull();
        assertThat(roundTrip(r)).isEqualTo(r);
        assertThat(r.toString()).contains("k8s/web.yaml").doesNotContain(DeployFixtures.MANIFEST_SECRET);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
