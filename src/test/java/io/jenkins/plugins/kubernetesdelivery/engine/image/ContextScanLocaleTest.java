package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit D-15: on an agent whose locale is C/POSIX the JVM's file name encoding is ASCII, and a non-ASCII name used to
 * abort the whole scan with an unchecked {@code InvalidPathException}. The scan runs in a JVM of its own started in
 * that locale (the encoding is fixed when a JVM starts); such a file is skipped and named, the rest is sent.
 */
class ContextScanLocaleTest {

    @TempDir
    Path ws;

    @Test
    void aNonUtf8LocaleSkipsNonAsciiNamesInsteadOfAbortingTheScan() throws Exception {
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(ws.resolve("plain.txt"), "p");
        Files.writeString(ws.resolve("caf\u00e9.txt"), "c");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ScanProbe.class.getName(),
                        ws.toString())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("LC_ALL", "C");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe ended").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeFalse(out.contains("encoding=UTF-8"), "this JDK keeps UTF-8 file names in the C locale");

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out)
                .contains("files=2")
                .containsPattern(
                        "skipped=\\['caf.*': its name is not valid in the file" + " name encoding ANSI_X3.4-1968.*\\]");
    }
}
