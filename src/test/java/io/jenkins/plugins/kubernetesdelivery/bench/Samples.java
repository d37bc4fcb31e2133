package io.jenkins.plugins.kubernetesdelivery.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds of the repetitions of one measurement; percentiles by the nearest-rank method. */
final class Samples {

    private final List<Double> ms = new ArrayList<>();

    void add(long nanos) {
        ms.add(nanos / 1e6);
    }

    int size() {
        return ms.size();
    }

    /** The {@code p}-th percentile (0 < p ≤ 100), nearest rank; NaN without samples. */
    double percentile(double p) {
        if (ms.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    double p50() {
        return percentile(50);
    }

    double p90() {
        return percentile(90);
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 1000 ? String.format("%.2f s", v / 1000) : String.format("%.0f ms", v);
    }
}
