package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;

/** registryCredentialsId → the engine's registry credentials; messages name the ID, never a secret. */
class RegistryCredentialsTranslatorTest {

    /** Secrets in pure tests need a character outside Base64, or the real {@code Secret.fromString} decrypts. */
    static final String PASSWORD = "s3cr$t-push-token";

    static final String CONFIG =
            """
            {"auths": {"registry.example.com": {"auth": "%s"},
                       "ghcr.io": {"username": "bot", "password": "gh$-token-1"},
                       "quay.io": {"identitytoken": "quay$-identity"}}}
            """.formatted(Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));

    @Test
    void usernameAndPasswordLogInToTheRepositorysRegistry() throws Exception {
        RegistryCredentials c = RegistryCredentialsTranslator.translate(
                "registry-push", usernamePassword("registry-push", "ci", PASSWORD));

        assertThat(c).isEqualTo(new RegistryCredentials.UsernamePassword(null, "ci", PASSWORD));
        assertThat(c.toString()).doesNotContain(PASSWORD);
        assertThat(RegistryCredentialsTranslator.secretsOf(c))
                .containsExactly(
                        PASSWORD,
                        Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSecretFileIsAWholeDockerConfig() throws Exception {
        RegistryCredentials c =
                RegistryCredentialsTranslator.translate("docker-config", file("docker-config", "config.json", CONFIG));

        assertThat(c).isEqualTo(new RegistryCredentials.DockerConfigJson(CONFIG));
        assertThat(RegistryCredentialsTranslator.secretsOf(c))
                .contains(
                        PASSWORD,
                        "gh$-token-1",
                        "quay$-identity",
                        Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMissingIdIsNamed() {
        assertThatThrownBy(() -> RegistryCredentialsTranslator.translate("registry-push", null))
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.RegistryCredentials_NotFound("registry-push"))
                .hasMessageContaining("'registry-push'");
    }

    @Test
    void aKindThatCannotLogInToARegistryIsRefusedByName() {
        assertThatThrownBy(() -> RegistryCredentialsTranslator.translate("a-token", token("a-token", PASSWORD)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'a-token'")
                .hasMessageContaining("cannot log in to a registry")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aSecretFileThatIsNoDockerConfigIsRefusedWithoutQuotingIt() {
        String notJson = "user=ci\npassword=" + PASSWORD + "\n";

        assertThatThrownBy(() -> RegistryCredentialsTranslator.translate("cfg", file("cfg", "config.json", notJson)))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Cannot use credentials 'cfg': registry credentials are not valid JSON")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> RegistryCredentialsTranslator.translate(
                        "cfg", file("cfg", "config.json", "{\"credHelpers\": {\"x\": \"" + PASSWORD + "\"}}")))
                .hasMessageContaining("\"auths\" object")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void anOversizedSecretFileIsRefused() {
        String huge =
                "{\"auths\": {}, \"pad\": \"" + "x".repeat(RegistryCredentialsTranslator.MAX_CONFIG_BYTES) + "\"}";

        assertThatThrownBy(() -> RegistryCredentialsTranslator.translate("cfg", file("cfg", "config.json", huge)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("the secret file is larger than 1 MiB");
    }

    @Test
    void aUserWithoutNameIsRefused() {
        assertThatThrownBy(() ->
                        RegistryCredentialsTranslator.translate("nameless", usernamePassword("nameless", "", PASSWORD)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'nameless'")
                .hasMessageContaining("need a user name and a password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void noCredentialsHaveNothingToMask() {
        assertThat(RegistryCredentialsTranslator.secretsOf(new RegistryCredentials.None()))
                .isEmpty();
    }

    abstract static class Base implements StandardCredentials {
        private final String id;

        Base(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "made by a test";
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            throw new UnsupportedOperationException("not needed without Jenkins");
        }
    }

    static StandardUsernamePasswordCredentials usernamePassword(String id, String user, String password) {
        final class UsernamePassword extends Base implements StandardUsernamePasswordCredentials {
            UsernamePassword() {
                super(id);
            }

            @Override
            public String getUsername() {
                return user;
            }

            @Override
            public Secret getPassword() {
                return Secret.fromString(password);
            }
        }
        return new UsernamePassword();
    }

    static FileCredentials file(String id, String fileName, String content) {
        final class File extends Base implements FileCredentials {
            File() {
                super(id);
            }

            @Override
            public String getFileName() {
                return fileName;
            }

            @Override
            public InputStream getContent() {
                return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new File();
    }

    static StringCredentials token(String id, String token) {
        final class Token extends Base implements StringCredentials {
            Token() {
                super(id);
            }

            @Override
            public Secret getSecret() {
                return Secret.fromString(token);
            }
        }
        return new Token();
    }
}
