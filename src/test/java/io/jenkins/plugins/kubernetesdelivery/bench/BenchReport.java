package io.jenkins.plugins.kubernetesdelivery.bench;

import io.jenkins.plugins.kubernetesdelivery.testenv.AuditLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The tables of docs/performance.md (Markdown) and its plot (gnuplot, PNG). */
final class BenchReport {

    static final String BEGIN = "<!-- bench:begin (written by bench/run; do not edit by hand) -->";
    static final String END = "<!-- bench:end -->";

    private final RequestBench requests;
    private final RollbackBench rollbacks;
    private final int reps;
    private final double seconds;

    BenchReport(RequestBench requests, RollbackBench rollbacks, int reps, double seconds) {
        this.requests = requests;
        this.rollbacks = rollbacks;
        this.reps = reps;
        this.seconds = seconds;
    }

    String tables() {
        StringBuilder s = new StringBuilder();
        s.append("Run of ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" on ")
                .append(machine())
                .append("; ")
                .append(reps)
                .append(" repetitions, ")
                .append(RollbackBench.REPLICAS)
                .append(" replicas, pods Ready 5 s after they are scheduled; the whole run took ")
                .append(Math.round(seconds))
                .append(" s.\n\n");
        s.append("**Benchmark 1: getting the previous version back** (p50 / p90; ratios of p50 to the warm rollback's,"
                + " same run)\n\n");
        s.append("| way | call → return p50 | p90 | call → EndpointSlices list only the target's pods p50 | p90 |"
                + " ratio (return) | ratio (EndpointSlices) |\n|---|---|---|---|---|---|---|\n");
        Samples warmReturn = rollbacks.toReturn.get(RollbackBench.WARM);
        Samples warmSwitch = rollbacks.toSwitch.get(RollbackBench.WARM);
        rollbacks.toReturn.forEach((way, r) -> {
            Samples w = rollbacks.toSwitch.get(way);
            s.append("| ")
                    .append(way)
                    .append(" | ")
                    .append(Samples.ms(r.p50()))
                    .append(" | ")
                    .append(Samples.ms(r.p90()))
                    .append(" | ")
                    .append(Samples.ms(w.p50()))
                    .append(" | ")
                    .append(Samples.ms(w.p90()))
                    .append(" | ")
                    .append(ratio(r.p50(), warmReturn.p50()))
                    .append(" | ")
                    .append(ratio(w.p50(), warmSwitch.p50()))
                    .append(" |\n");
        });
        s.append("\n**Benchmark 2: API requests per operation** (the API server's audit log, by user agent)\n\n");
        s.append("| operation | requests | beyond watches | mutating | watches | dry runs | by verb and resource |\n"
                + "|---|---|---|---|---|---|---|\n");
        requests.requests.forEach((what, list) -> {
            AuditLog.Totals t = AuditLog.Totals.of(list);
            StringBuilder by = new StringBuilder();
            AuditLog.byVerbAndResource(list)
                    .forEach((k, v) -> by.append(by.length() == 0 ? "" : ", ")
                            .append(v)
                            .append(" ")
                            .append(k));
            s.append("| ")
                    .append(what)
                    .append(" | ")
                    .append(t.all())
                    .append(" | ")
                    .append(t.beyondWatches())
                    .append(" | ")
                    .append(t.mutating())
                    .append(" | ")
                    .append(t.watches())
                    .append(" | ")
                    .append(t.dryRuns())
                    .append(" | ")
                    .append(by)
                    .append(" |\n");
        });
        Samples warm = rollbacks.toReturn.get(RollbackBench.WARM);
        Samples redeploy = rollbacks.toReturn.get(RollbackBench.REDEPLOY);
        s.append("\n**Benchmark 6: a re-run deploy** (the live release's content again, from another build): ")
                .append("call → return p50 ")
                .append(Samples.ms(requests.rerun.p50()))
                .append(", p90 ")
                .append(Samples.ms(requests.rerun.p90()))
                .append(" over ")
                .append(requests.rerun.size())
                .append(" runs; ")
                .append(ratio(requests.rerun.p50(), warm.p50()))
                .append(" the warm rollback's p50, ")
                .append(ratio(requests.rerun.p50(), redeploy.p50()))
                .append(" a deploy of new pods (1d); no new")
                .append(" release, no pod, no switch (requests: row \"")
                .append(RequestBench.RERUN)
                .append("\" above).\n");
        return s.toString();
    }

    static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) || base == 0
                ? "n/a"
                : String.format(v / base < 1 ? "%.2f×" : "%.1f×", v / base);
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", load average "
                + String.format(
                        "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** {@code doc} with the text between the markers replaced by {@code tables} (markers appended if missing). */
    static String between(String doc, String tables) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        String block = BEGIN + "\n" + tables + END;
        return b < 0 || e < b
                ? doc + "\n" + block + "\n"
                : doc.substring(0, b) + block + doc.substring(e + END.length());
    }

    /** Bars of p50 per way and clock, log scale, with p90 as error bars; by Debian's gnuplot. */
    void plot(Path png) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bench-plot");
        StringBuilder data = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Samples> e : rollbacks.toReturn.entrySet()) {
            Samples w = rollbacks.toSwitch.get(e.getKey());
            data.append(i++)
                    .append(" \"")
                    .append(e.getKey())
                    .append("\" ")
                    .append(e.getValue().p50())
                    .append(' ')
                    .append(e.getValue().p90())
                    .append(' ')
                    .append(w.p50())
                    .append(' ')
                    .append(w.p90())
                    .append('\n');
        }
        Files.writeString(dir.resolve("rollback.dat"), data);
        Files.writeString(
                dir.resolve("plot.gp"),
                String.join(
                        "\n",
                        List.of(
                                "set terminal pngcairo size 900,500 font 'sans,10'",
                                "set output '" + png.toAbsolutePath() + "'",
                                "set title 'Getting the previous version back: p50 (bars) and p90 (whiskers), " + reps
                                        + " runs, 3 replicas, pods Ready after 5 s'",
                                "set logscale y",
                                "set ylabel 'milliseconds (log scale)'",
                                "set yrange [10:*]",
                                "set style fill solid 0.8 border -1",
                                "set boxwidth 0.35",
                                "set key top left",
                                "set xtics nomirror",
                                "set grid ytics",
                                "plot 'rollback.dat' using ($1-0.18):3 with boxes lc rgb '#4477aa' title 'call → return',"
                                        + " '' using ($1+0.18):5:xtic(2) with boxes lc rgb '#ee6677'"
                                        + " title 'call → EndpointSlices list only the target''s pods',"
                                        + " '' using ($1-0.18):3:3:4 with yerrorbars lc rgb 'black' pt 0 notitle,"
                                        + " '' using ($1+0.18):5:5:6 with yerrorbars lc rgb 'black' pt 0 notitle",
                                "")));
        Process p = new ProcessBuilder("gnuplot", "plot.gp")
                .directory(dir.toFile())
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("gnuplot failed; is it installed (apt-get install gnuplot-nox)?");
        }
    }
}
