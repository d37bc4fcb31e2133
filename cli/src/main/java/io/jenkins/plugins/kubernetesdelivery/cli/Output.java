package io.jenkins.plugins.kubernetesdelivery.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** What a command prints on stdout: its human form for {@code -o table}, or its data as JSON or YAML. */
final class Output {

    enum Format { TABLE, JSON, YAML }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {}

    /** Prints {@code data} as JSON or YAML, or {@code human} for a table. */
    static void print(PrintStream out, Format format, Object data, Supplier<String> human) {
        switch (format) {
            case JSON -> out.println(json(data));
            case YAML -> out.print(Serialization.asYaml(data));
            default -> out.print(human.get());
        }
        out.flush();
    }

    static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kubectl-style table: upper-case headers, columns padded with three spaces, "<none>" for nothing. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... headers) {
            rows.add(headers);
        }

        Table row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = cells[i] == null || cells[i].toString().isEmpty() ? "<none>" : cells[i].toString();
            }
            rows.add(r);
            return this;
        }

        @Override
        public String toString() {
            int columns = rows.get(0).length;
            int[] width = new int[columns];
            for (String[] r : rows) {
                for (int i = 0; i < columns; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    line.append(i == columns - 1 ? r[i] : String.format(Locale.ROOT, "%-" + (width[i] + 3) + "s", r[i]));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
            return sb.toString();
        }
    }

    /** kubectl's AGE column: {@code 45s}, {@code 12m}, {@code 5h}, {@code 3d}. */
    static String age(Instant then, Instant now) {
        if (then == null || then.equals(Instant.EPOCH)) {
            return "<unknown>";
        }
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 2 * 3600) {
            return s / 60 + "m";
        }
        if (s < 2 * 86400) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    /** Milliseconds as seconds with three decimals: {@code 0.214 s}. */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }
}
