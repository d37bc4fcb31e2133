package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {

    @Test
    void kubectlDurations() {
        Durations d = new Durations();
        assertThat(d.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(d.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(d.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(d.convert("1500ms")).isEqualTo(Duration.ofMillis(1500));
        for (String bad : new String[] {"", "m5", "5 m", "5x", "1h-3m", "soon"}) {
            assertThatThrownBy(() -> d.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void ageColumn() {
        java.time.Instant now = java.time.Instant.parse("2026-11-30T12:00:00Z");
        assertThat(Output.age(now.minusSeconds(45), now)).isEqualTo("45s");
        assertThat(Output.age(now.minusSeconds(600), now)).isEqualTo("10m");
        assertThat(Output.age(now.minusSeconds(5 * 3600), now)).isEqualTo("5h");
        assertThat(Output.age(now.minusSeconds(3 * 86400), now)).isEqualTo("3d");
        assertThat(Output.age(java.time.Instant.EPOCH, now)).isEqualTo("<unknown>");
    }
}
