package io.jenkins.plugins.kubernetesdelivery.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Resolved registry credentials for the push. Their {@code toString} never shows a secret. */
public sealed interface RegistryCredentials {

    /** No credentials: the registry accepts anonymous pushes, or the pod's service account has pull secrets. */
    record None() implements RegistryCredentials {}

    /**
     * A user name and password (or token) for one registry.
     *
     * @param registry the registry host, e.g. {@code registry.example.com}; null for the repository's registry
     */
    record UsernamePassword(String registry, String username, String password) implements RegistryCredentials {
        @Override
        public String toString() {
            return "UsernamePassword[registry=" + registry + ", username=" + username + ", password=****]";
        }
    }

    /** A complete Docker {@code config.json} ({@code {"auths": {...}}}), for several registries or helpers. */
    record DockerConfigJson(String json) implements RegistryCredentials {
        @Override
        public String toString() {
            return "DockerConfigJson[****]";
        }
    }

    /**
     * A Secret of type {@code kubernetes.io/dockerconfigjson} that already exists in the builder namespace (for
     * example made with {@code kubectl create secret docker-registry}). The builder pod mounts it as it is: the engine
     * never reads, copies or deletes it, so its content never leaves the cluster.
     *
     * @param name the Secret's name
     */
    record ExistingSecret(String name) implements RegistryCredentials {}

    /** Docker Hub's key in a Docker config, which both builders look up for {@code docker.io}. */
    String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    /**
     * What is wrong with these credentials, or empty: a user name and password need both, a Docker config must be a
     * JSON object with an {@code auths} object, an existing Secret a valid name. The problem never quotes the content.
     */
    default Optional<String> check() {
        if (this instanceof ExistingSecret es) {
            return KubernetesNames.checkDns1123Subdomain(es.name())
                    .map(p -> "registry Secret '" + (es.name() == null ? "" : es.name()) + "' " + p);
        }
        if (this instanceof UsernamePassword up
                && (up.username() == null || up.username().isEmpty() || up.password() == null)) {
            return Optional.of("registry credentials need a user name and a password");
        }
        if (this instanceof DockerConfigJson dc) {
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(dc.json() == null ? "" : dc.json());
            } catch (java.io.IOException e) {
                return Optional.of("registry credentials are not valid JSON (a Docker config.json with an \"auths\""
                        + " object is expected)");
            }
            if (node == null || !node.isObject() || !node.path("auths").isObject()) {
                return Optional.of(
                        "registry credentials must be a Docker config.json object with an \"auths\"" + " object");
            }
        }
        return Optional.empty();
    }

    /**
     * The Docker config JSON to mount into the builder, or null for {@link None} and {@link ExistingSecret} (whose
     * content the engine never reads).
     *
     * @param repositoryRegistry the registry of the image repository, used when the credentials name none
     * @throws DeliveryException (invalid) when {@link #check()} finds a problem
     */
    default String toDockerConfigJson(String repositoryRegistry) {
        Optional<String> problem = check();
        if (problem.isPresent()) {
            throw DeliveryException.invalid("the registry credentials", List.of(problem.get()));
        }
        ObjectMapper mapper = new ObjectMapper();
        if (this instanceof UsernamePassword up) {
            String registry = up.registry() == null || up.registry().isBlank() ? repositoryRegistry : up.registry();
            String key = registry.equals(ImageRef.DEFAULT_REGISTRY) || registry.equals("index.docker.io")
                    ? DOCKER_HUB_KEY
                    : registry;
            ObjectNode root = mapper.createObjectNode();
            ObjectNode entry = root.putObject("auths").putObject(key);
            entry.put(
                    "auth",
                    Base64.getEncoder()
                            .encodeToString((up.username() + ":" + up.password()).getBytes(StandardCharsets.UTF_8)));
            return root.toString();
        }
        if (this instanceof DockerConfigJson dc) {
            try {
                return mapper.readTree(dc.json()).toString();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("checked above", e);
            }
        }
        return null;
    }
}
