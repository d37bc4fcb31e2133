package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesNamesTest {

    @ParameterizedTest(name = "label ''{0}'' valid={1}")
    @CsvSource({
        "web, true",
        "web-1, true",
        "1web, true",
        "a, true",
        "Web, false",
        "-web, false",
        "web-, false",
        "web.prod, false",
        "web_1, false",
        "'', false",
        "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefgh, true",
        "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghi, false"
    })
    void dns1123Label(String value, boolean valid) {
        assertThat(KubernetesNames.checkDns1123Label(value).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "Service name ''{0}'' valid={1}")
    @CsvSource({
        "web, true",
        "web-1, true",
        "a, true",
        "1web, false",
        "9, false",
        "Web, false",
        "web-, false",
        "'', false"
    })
    void dns1035Label(String value, boolean valid) {
        assertThat(KubernetesNames.checkDns1035Label(value).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "subdomain ''{0}'' valid={1}")
    @CsvSource({"web.prod, true", "web-v12, true", "web..prod, false", ".web, false", "Web, false", "web_x, false"})
    void dns1123Subdomain(String value, boolean valid) {
        assertThat(KubernetesNames.checkDns1123Subdomain(value).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "label value ''{0}'' valid={1}")
    @CsvSource({
        "'', true",
        "v12, true",
        "1.4.2_rc-1, true",
        "ABC, true",
        "-x, false",
        "x., false",
        "a b, false",
        "sha256:abc, false"
    })
    void labelValue(String value, boolean valid) {
        assertThat(KubernetesNames.checkLabelValue(value).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "key ''{0}'' valid={1}")
    @CsvSource({
        "app, true",
        "delivery.jenkins.io/release, true",
        "app.kubernetes.io/name, true",
        "/x, false",
        "Delivery.io/x, false",
        "delivery.jenkins.io/, false",
        "a/b/c, false"
    })
    void qualifiedName(String value, boolean valid) {
        assertThat(KubernetesNames.checkQualifiedName(value).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"64"})
    void aTooLongLabelValueNamesTheLimit(int length) {
        assertThat(KubernetesNames.checkLabelValue("v".repeat(length)))
                .hasValue("must be no more than 63 characters (has " + length + ")");
    }
}
