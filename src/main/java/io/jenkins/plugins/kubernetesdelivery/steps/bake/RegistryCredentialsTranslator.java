package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * The registry credentials of a bake: {@code registryCredentialsId} names username and password credentials (one
 * registry: the repository's) or a secret file holding a Docker {@code config.json} (several registries). Looked up
 * for the build, as any credentials a Pipeline names, and recorded on it. Messages name the ID, never a secret or
 * the file's content.
 */
final class RegistryCredentialsTranslator {

    /** The largest Docker config file read. */
    static final int MAX_CONFIG_BYTES = 1 << 20;

    private RegistryCredentialsTranslator() {}

    /**
     * The credentials {@code id} for {@code run}, found with the build's authentication (folder credentials and
     * credentials parameters included) and tracked on the build.
     *
     * @throws AbortException when the build cannot see credentials with that ID, or they are of a kind or content
     *     that cannot log in to a registry
     */
    static RegistryCredentials lookup(String id, Run<?, ?> run) throws AbortException {
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        RegistryCredentials translated = translate(id, found);
        CredentialsProvider.track(run, found);
        return translated;
    }

    /**
     * Turns found credentials into the engine's.
     *
     * @param found the credentials with that ID the build may use, or {@code null} when there are none
     */
    static RegistryCredentials translate(String id, @CheckForNull StandardCredentials found) throws AbortException {
        if (found == null) {
            throw new AbortException(Messages.RegistryCredentials_NotFound(id));
        }
        RegistryCredentials translated;
        String kind;
        if (found instanceof StandardUsernamePasswordCredentials up) {
            translated = new RegistryCredentials.UsernamePassword(
                    null, up.getUsername(), up.getPassword().getPlainText());
            kind = Messages.RegistryCredentials_KindUsernamePassword();
        } else if (found instanceof FileCredentials file) {
            translated = new RegistryCredentials.DockerConfigJson(read(id, file));
            kind = Messages.RegistryCredentials_KindDockerConfig();
        } else {
            throw new AbortException(Messages.RegistryCredentials_Unsupported(
                    id, found.getClass().getSimpleName()));
        }
        Optional<String> problem = translated.check();
        if (problem.isPresent()) {
            throw new AbortException(Messages.RegistryCredentials_Unreadable(id, problem.get(), kind));
        }
        return translated;
    }

    private static String read(String id, FileCredentials file) throws AbortException {
        byte[] content;
        try (InputStream in = file.getContent()) {
            content = in.readNBytes(MAX_CONFIG_BYTES + 1);
        } catch (IOException e) {
            throw new AbortException(Messages.RegistryCredentials_Unreadable(
                    id, e.getClass().getSimpleName(), Messages.RegistryCredentials_KindDockerConfig()));
        }
        if (content.length > MAX_CONFIG_BYTES) {
            throw new AbortException(Messages.RegistryCredentials_Unreadable(
                    id, Messages.RegistryCredentials_TooLarge(), Messages.RegistryCredentials_KindDockerConfig()));
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * The strings of these credentials that must never show in a console line or an exception text: the password,
     * and the {@code user:password} Base64 that goes into the pod's Secret; for a Docker config every
     * {@code auth}, {@code password}, {@code identitytoken} and {@code registrytoken} value and the password inside
     * each {@code auth}.
     */
    static List<String> secretsOf(RegistryCredentials credentials) {
        Set<String> secrets = new LinkedHashSet<>();
        if (credentials instanceof RegistryCredentials.UsernamePassword up) {
            secrets.add(up.password());
            secrets.add(Base64.getEncoder()
                    .encodeToString((up.username() + ":" + up.password()).getBytes(StandardCharsets.UTF_8)));
        } else if (credentials instanceof RegistryCredentials.DockerConfigJson config) {
            dockerConfigSecrets(config.json(), secrets);
        }
        secrets.removeIf(s -> s == null || s.isEmpty());
        return new ArrayList<>(secrets);
    }

    private static void dockerConfigSecrets(String json, Set<String> secrets) {
        JsonNode auths;
        try {
            auths = new ObjectMapper().readTree(json).path("auths");
        } catch (IOException e) {
            return; // translate() refuses such content before a bake starts
        }
        for (Iterator<JsonNode> it = auths.elements(); it.hasNext(); ) {
            JsonNode entry = it.next();
            for (String field : List.of("auth", "password", "identitytoken", "registrytoken")) {
                if (entry.path(field).isTextual()) {
                    secrets.add(entry.path(field).asText());
                }
            }
            if (entry.path("auth").isTextual()) {
                try {
                    String decoded = new String(
                            Base64.getDecoder()
                                    .decode(entry.path("auth").asText().trim()),
                            StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    secrets.add(colon < 0 ? decoded : decoded.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    // not Base64: the raw value is masked already
                }
            }
        }
    }
}
