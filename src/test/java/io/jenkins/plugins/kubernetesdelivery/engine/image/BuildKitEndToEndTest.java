package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional end-to-end check of the exact BuildKit command line: a real {@code buildkitd} (built from the BuildKit
 * Go modules) and a real registry (Debian's {@code docker-registry}), both on loopback, build a small
 * {@code FROM scratch} image from the context tar this engine writes, and the digest in the metadata file must be
 * the one the registry serves for the pushed tag. Runs only when {@code BAKE_E2E_BUILDKIT_BIN} names a directory
 * holding {@code buildkitd} and {@code buildctl}, and {@code BAKE_E2E_REGISTRY} the registry binary; it needs root
 * (buildkitd runs here without rootlesskit). Tagged {@code e2e}, which the builds leave out unless asked:
 * {@code mvn -f offline/pom.xml verify -Dtest.excludedGroups= -Dgroups=e2e} (see docs/bake.md).
 */
@Tag("e2e")
@EnabledIfEnvironmentVariable(named = "BAKE_E2E_BUILDKIT_BIN", matches = ".+")
@EnabledIfEnvironmentVariable(named = "BAKE_E2E_REGISTRY", matches = ".+")
class BuildKitEndToEndTest {

    @TempDir
    Path tmp;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Process start(Path log, String... argv) throws IOException {
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(p);
        return p;
    }

    @Test
    void theBuilderCommandLinePushesAndReportsTheRegistrysDigest() throws Exception {
        Path bin = Path.of(System.getenv("BAKE_E2E_BUILDKIT_BIN"));
        int port = freePort();
        Files.writeString(tmp.resolve("registry.yml"), """
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(tmp.resolve("registry-data"), port));
        start(
                tmp.resolve("registry.log"),
                System.getenv("BAKE_E2E_REGISTRY"),
                "serve",
                tmp.resolve("registry.yml").toString());
        Path socket = tmp.resolve("buildkitd.sock");
        Files.writeString(tmp.resolve("buildkitd.toml"), """
                [registry."127.0.0.1:%d"]
                  http = true
                  insecure = true
                """.formatted(port));
        Process daemon = start(
                tmp.resolve("buildkitd.log"),
                bin.resolve("buildkitd").toString(),
                "--config",
                tmp.resolve("buildkitd.toml").toString(),
                "--root",
                tmp.resolve("buildkit-root").toString(),
                "--addr",
                "unix://" + socket,
                "--oci-worker-snapshotter=native",
                "--containerd-worker=false");

        // what the sidecar's startup probe does before the build container may start
        boolean ready = false;
        for (int i = 0; i < 120 && !ready && daemon.isAlive(); i++) {
            Process probe = new ProcessBuilder(
                            bin.resolve("buildctl").toString(), "--addr", "unix://" + socket, "debug", "workers")
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("probe.log").toFile())
                    .start();
            ready = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
            if (!ready) {
                Thread.sleep(1000);
            }
        }
        assertThat(ready).as(Files.readString(tmp.resolve("buildkitd.log"))).isTrue();

        // the context as the pod receives it: the engine's tar, unpacked by tar
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\nARG GREETING\nCOPY hello.txt /\n");
        Files.writeString(ws.resolve("hello.txt"), "hello from bakeImage\n");
        Files.writeString(ws.resolve(".dockerignore"), "*.log\n");
        Files.writeString(ws.resolve("noise.log"), "excluded");
        BakeRequest request = BakeRequest.builder("127.0.0.1:" + port + "/e2e/hello")
                .namespace("ci")
                .bakeId("e2e")
                .tags("1.0", "latest")
                .buildArgs(java.util.Map.of("GREETING", "hi there"))
                .build();
        BakeValidator.validate(request);
        BuildContext context = BuildContext.scan(new LocalWorkspaceFiles(ws), ".", "Dockerfile");
        Path contextDir = Files.createDirectories(tmp.resolve("context"));
        Path tar = tmp.resolve("context.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            context.writeTo(out);
        }
        assertThat(new ProcessBuilder("tar", "-x", "-f", tar.toString(), "-C", contextDir.toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();

        // the exact argv of the build container, with the pod's paths mapped to this machine's
        Path metadata = tmp.resolve("termination-log");
        List<String> argv = new ArrayList<>();
        for (String arg : new BuildKitBuilder().command(request)) {
            argv.add(arg.replace(BuildKitBuilder.ADDRESS, "unix://" + socket)
                    .replace(BuilderPod.CONTEXT_DIR, contextDir.toString())
                    .replace(BuilderPod.TERMINATION_LOG, metadata.toString()));
        }
        argv.set(0, bin.resolve("buildctl").toString());
        Path buildLog = tmp.resolve("build.log");
        ProcessBuilder build =
                new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(buildLog.toFile());
        build.environment()
                .put(
                        "DOCKER_CONFIG",
                        Files.createDirectories(tmp.resolve("docker")).toString());
        Process p = build.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue())
                .as(Files.readString(buildLog) + Files.readString(tmp.resolve("buildkitd.log")))
                .isZero();

        String digest = PodOutcome.digestOf(Files.readString(metadata)).orElseThrow();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String tag : List.of("1.0", "latest")) {
            HttpResponse<Void> head = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/e2e/hello/manifests/" + tag))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .header(
                                    "Accept",
                                    "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json,"
                                            + " application/vnd.docker.distribution.manifest.v2+json,"
                                            + " application/vnd.docker.distribution.manifest.list.v2+json")
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);
        }
        assertThat(Files.readString(buildLog, StandardCharsets.UTF_8)).contains("COPY hello.txt /");
    }
}
