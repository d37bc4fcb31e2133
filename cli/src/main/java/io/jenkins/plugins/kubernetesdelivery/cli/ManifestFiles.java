package io.jenkins.plugins.kubernetesdelivery.cli;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manifests of {@code -f}, as {@code kubectl apply -f} takes them: a file, or a directory's {@code .yaml},
 * {@code .yml} and {@code .json} files (not its subdirectories), in name order. Each is named by its path as given,
 * so messages point at it.
 */
final class ManifestFiles {

    /** Larger than the engine accepts (3 Mi characters); refused before it is read into memory. */
    static final long MAX_BYTES = 12L * 1024 * 1024;

    private ManifestFiles() {}

    static List<ManifestFile> read(CliContext ctx, List<Path> given) {
        List<ManifestFile> files = new ArrayList<>();
        for (Path g : given) {
            Path p = ctx.resolve(g);
            if (Files.isDirectory(p)) {
                List<Path> inside;
                try (Stream<Path> s = Files.list(p)) {
                    inside = s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.(ya?ml|json)"))
                            .sorted().toList();
                } catch (IOException e) {
                    throw new DeliveryException("cannot list " + g + ": " + e.getMessage());
                }
                if (inside.isEmpty()) {
                    throw new DeliveryException("-f " + g + " is a directory without .yaml, .yml or .json files");
                }
                for (Path f : inside) {
                    files.add(read(f, g.resolve(f.getFileName()).toString()));
                }
            } else if (Files.isRegularFile(p)) {
                files.add(read(p, g.toString()));
            } else {
                throw new DeliveryException("-f " + g + " does not exist");
            }
        }
        return files;
    }

    private static ManifestFile read(Path f, String name) {
        try {
            if (Files.size(f) > MAX_BYTES) {
                throw new DeliveryException("manifest " + name + " is larger than " + MAX_BYTES / 1024 / 1024
                        + " MiB");
            }
            return new ManifestFile(name, Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException("cannot read manifest " + name + ": " + e.getMessage());
        }
    }
}
