package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.nio.file.Path;

/**
 * Scans a directory as a context and prints what it found; {@link ContextScanLocaleTest} runs it in a JVM whose
 * file name encoding is not UTF-8 (an agent in the C/POSIX locale).
 */
public final class ScanProbe {

    private ScanProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println("encoding=" + System.getProperty("sun.jnu.encoding"));
        BuildContext c = BuildContext.scan(new LocalWorkspaceFiles(Path.of(args[0])), ".", "Dockerfile");
        System.out.println("files=" + c.fileCount());
        System.out.println("skipped=" + c.skipped());
    }
}
