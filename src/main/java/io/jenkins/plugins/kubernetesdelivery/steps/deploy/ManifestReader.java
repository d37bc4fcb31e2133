package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads a deploy's manifests where the workspace is, in one remote call: {@code manifests} names a file, a directory
 * (its {@code .yaml}, {@code .yml} and {@code .json} files, not its subdirectories, like {@code kubectl apply -f}) or
 * an Ant glob ({@code k8s/**}{@code /*.yaml}; matches without those extensions are skipped), relative to the
 * workspace. Nothing outside the workspace is read, symbolic links included. Limits: {@value #MAX_FILES} files,
 * {@value #MAX_FILE_BYTES} bytes per file, {@value #MAX_TOTAL_BYTES} bytes in all; a set over a limit is refused with
 * a message naming it. The files come back sorted by name, named relative to the workspace.
 */
final class ManifestReader extends MasterToSlaveFileCallable<ManifestReader.Result> {

    private static final long serialVersionUID = 1L;

    static final int MAX_FILES = 100;
    /** The engine's parser limit per file (3 MiB). */
    static final int MAX_FILE_BYTES = 3 * 1024 * 1024;

    static final int MAX_TOTAL_BYTES = 10 * 1024 * 1024;
    static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    private final String manifests;

    ManifestReader(String manifests) {
        this.manifests = manifests;
    }

    /** One file: its name relative to the workspace and its text. Never printed: it may hold Secrets. */
    record Manifest(String name, String text) implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Manifest[" + name + ", " + text.length() + " characters]";
        }
    }

    /** The files read, and the names of those a directory or glob held that are not manifests (skipped). */
    record Result(List<Manifest> files, List<String> skipped) implements Serializable {
        private static final long serialVersionUID = 1L;

        Result {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }

    @Override
    public Result invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw new AbortException("the workspace " + base + " does not exist yet: check out the sources (or"
                    + " write the manifests) before deployLabeled reads manifests '" + manifests + "'");
        }
        Path root = base.toRealPath();
        String spec = manifests.replace('\\', '/');
        if (spec.startsWith("/")
                || spec.matches("[A-Za-z]:.*")
                || Arrays.asList(spec.split("/")).contains("..")) {
            throw new AbortException("manifests '" + manifests + "' must be a path or Ant glob inside the workspace:"
                    + " relative, without '..'");
        }
        List<Path> candidates = new ArrayList<>();
        boolean explicitFile = false;
        if (isGlob(spec)) {
            for (FilePath p : new FilePath(workspace).list(spec)) {
                candidates.add(Path.of(p.getRemote()));
            }
        } else {
            Path target = base.resolve(spec).normalize();
            if (!Files.exists(target)) {
                throw new AbortException("manifests '" + manifests + "' does not exist in the workspace; check the"
                        + " path (relative to the workspace) or the checkout");
            }
            if (Files.isDirectory(target)) {
                try (var entries = Files.list(target)) {
                    entries.filter(Files::isRegularFile).forEach(candidates::add);
                }
            } else {
                candidates.add(target);
                explicitFile = true;
            }
        }
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path p : candidates) {
            if (explicitFile || isManifest(p)) {
                files.add(p);
            } else {
                skipped.add(name(base, p));
            }
        }
        if (files.isEmpty()) {
            throw new AbortException("manifests '" + manifests + "' names no .yaml, .yml or .json file in the"
                    + " workspace" + (skipped.isEmpty() ? "" : " (skipped: " + String.join(", ", skipped) + ")"));
        }
        if (files.size() > MAX_FILES) {
            throw new AbortException("manifests '" + manifests + "' names " + files.size() + " files; a deploy reads"
                    + " at most " + MAX_FILES + ". Name fewer files (a directory or a narrower glob).");
        }
        files.sort((a, b) -> name(base, a).compareTo(name(base, b)));
        List<Manifest> read = new ArrayList<>();
        long total = 0;
        for (Path p : files) {
            String name = name(base, p);
            Path real = p.toRealPath();
            if (!real.startsWith(root)) {
                throw new AbortException("manifest " + name + " is a link to a file outside the workspace; deploy"
                        + " only files inside it");
            }
            byte[] bytes = readAtMost(real, MAX_FILE_BYTES);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new AbortException(
                        "manifest " + name + " is larger than " + MAX_FILE_BYTES + " bytes, the" + " limit per file");
            }
            total += bytes.length;
            if (total > MAX_TOTAL_BYTES) {
                throw new AbortException("manifests '" + manifests + "' are larger than " + MAX_TOTAL_BYTES
                        + " bytes together, the limit per deploy");
            }
            read.add(new Manifest(name, utf8(name, bytes)));
        }
        return new Result(read, skipped);
    }

    /**
     * Reads {@code manifests} from {@code workspace} in one remote call.
     *
     * @param workspace the step's workspace; {@code null} outside {@code node {}}
     * @throws AbortException saying what to change: no workspace, nothing or too much found, a file not readable
     */
    static Result read(@CheckForNull FilePath workspace, String manifests) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.DeployLabeledStep_NoWorkspace(manifests));
        }
        try {
            return workspace.act(new ManifestReader(manifests));
        } catch (AbortException e) {
            throw e;
        } catch (IOException e) {
            throw new AbortException("cannot read manifests '" + manifests + "' from the workspace: " + e.getMessage());
        }
    }

    /** The engine's form of the files read. */
    static List<ManifestFile> files(Result result) {
        return result.files().stream()
                .map(m -> new ManifestFile(m.name(), m.text()))
                .toList();
    }

    static boolean isGlob(String spec) {
        return spec.contains("*") || spec.contains("?") || spec.contains(",");
    }

    private static boolean isManifest(Path p) {
        Path file = p.getFileName();
        String n = file == null ? "" : file.toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** The name relative to the workspace ({@code base}), with forward slashes. */
    private static String name(Path base, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace(File.separatorChar, '/');
    }

    /** The file's bytes, or {@code limit + 1} of them when it is larger (so a growing file is caught too). */
    private static byte[] readAtMost(Path p, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(limit + 1);
        }
    }

    private static String utf8(String name, byte[] bytes) throws AbortException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AbortException("manifest " + name + " is not UTF-8 text");
        }
    }
}
