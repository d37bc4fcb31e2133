package io.jenkins.plugins.kubernetesdelivery.testenv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The API server's own record of the requests it served: the audit log {@code testenv/up} writes with
 * {@code TESTENV_AUDIT=1} (level Metadata, one JSON event per request once it completed). Reads the events, selects
 * those of one user agent or time window, and groups them by verb and resource. Used by bench/; from a shell:
 * {@code java ... AuditLog <audit.log> [user-agent-prefix] [from-ISO-instant to-ISO-instant]}.
 */
public final class AuditLog {

    /** One request: verb ({@code get}, {@code list}, {@code watch}, {@code patch}, ...), dry run or not. */
    public record Request(
            Instant at,
            String userAgent,
            String verb,
            String resource,
            String subresource,
            String namespace,
            String name,
            boolean dryRun,
            int code) {

        /** Whether the request changes something: not a read, not a watch, not a dry run. */
        public boolean mutating() {
            return !dryRun && !List.of("get", "list", "watch").contains(verb);
        }

        /** {@code verb resource[/subresource]}, with {@code (dry run)} for dry runs. */
        public String key() {
            return verb + " " + resource + (subresource == null ? "" : "/" + subresource)
                    + (dryRun ? " (dry run)" : "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    /** The audit log of the testenv whose kubeconfig is {@code kubeconfig}: {@code logs/audit.log} next to it. */
    public static AuditLog besides(Path kubeconfig) {
        return new AuditLog(kubeconfig.toAbsolutePath().resolveSibling("logs").resolve("audit.log"));
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Every request in the log so far that {@code filter} accepts, in the order they completed. */
    public List<Request> read(Predicate<Request> filter) {
        List<Request> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Request q = parse(JSON.readTree(line));
                if (q != null && filter.test(q)) {
                    out.add(q);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return out;
    }

    /** The requests whose user agent starts with {@code prefix}. */
    public List<Request> byUserAgent(String prefix) {
        return read(q -> q.userAgent() != null && q.userAgent().startsWith(prefix));
    }

    /** The requests received in {@code [from, to)}. */
    public List<Request> between(Instant from, Instant to) {
        return read(q -> !q.at().isBefore(from) && q.at().isBefore(to));
    }

    static Request parse(JsonNode e) {
        JsonNode ref = e.path("objectRef");
        if (ref.isMissingNode() || !ref.has("resource")) {
            return null; // non-resource URLs
        }
        String uri = e.path("requestURI").asText("");
        return new Request(
                Instant.parse(e.path("requestReceivedTimestamp").asText()),
                e.path("userAgent").asText(null),
                e.path("verb").asText(),
                ref.path("resource").asText(),
                ref.path("subresource").asText(null),
                ref.path("namespace").asText(null),
                ref.path("name").asText(null),
                uri.contains("dryRun=All"),
                e.path("responseStatus").path("code").asInt());
    }

    /** Counts by {@link Request#key()}, sorted. */
    public static Map<String, Integer> byVerbAndResource(List<Request> requests) {
        Map<String, Integer> out = new TreeMap<>();
        requests.forEach(q -> out.merge(q.key(), 1, Integer::sum));
        return out;
    }

    /** Totals: all, mutating, watches, dry runs. */
    public record Totals(int all, int mutating, int watches, int dryRuns) {

        public static Totals of(List<Request> requests) {
            return new Totals(
                    requests.size(),
                    (int) requests.stream().filter(Request::mutating).count(),
                    (int) requests.stream()
                            .filter(q -> q.verb().equals("watch"))
                            .count(),
                    (int) requests.stream().filter(Request::dryRun).count());
        }

        /** All requests but the watches, what the budget counts. */
        public int beyondWatches() {
            return all - watches;
        }
    }

    /** A printable summary: totals, then one line per verb and resource. */
    public static String summary(List<Request> requests) {
        Totals t = Totals.of(requests);
        StringBuilder s = new StringBuilder(t.all() + " requests (" + t.mutating() + " mutating, " + t.watches()
                + " watches, " + t.dryRuns() + " dry runs)\n");
        byVerbAndResource(requests).forEach((k, v) -> s.append(String.format("  %3d  %s%n", v, k)));
        return s.toString();
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: AuditLog <audit.log> [user-agent-prefix] [from to]  (ISO instants)");
            System.exit(2);
        }
        AuditLog log = new AuditLog(Path.of(args[0]));
        Predicate<Request> f = q -> true;
        if (args.length == 2 || args.length == 4) {
            String ua = args[1];
            f = f.and(q -> q.userAgent() != null && q.userAgent().startsWith(ua));
        }
        if (args.length >= 3) {
            Instant from = Instant.parse(args[args.length - 2]);
            Instant to = Instant.parse(args[args.length - 1]);
            f = f.and(q -> !q.at().isBefore(from) && q.at().isBefore(to));
        }
        System.out.print(summary(log.read(f)));
    }
}
