package io.rasfleet.schedule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each worker's time factor learned from history: how much longer than the plan's mean over all
 * workers that ran it the worker took, averaged over the plans it ran (1.0 = average, 2.0 = twice
 * as long). Only plans run on two workers or more compare workers; a worker without such a plan is left out.
 */
public final class WorkerSpeeds {

    /** One succeeded execution: which plan (any key naming project and plan), on which worker, how long. */
    public record Execution(String plan, String worker, double seconds) {
    }

    private WorkerSpeeds() {
    }

    public static Map<String, Double> timeFactors(List<Execution> history) {
        Map<String, List<Execution>> byPlan = new HashMap<>();
        for (Execution e : history) {
            if (e.seconds() > 0 && e.worker() != null) {
                byPlan.computeIfAbsent(e.plan(), k -> new java.util.ArrayList<>()).add(e);
            }
        }
        Map<String, double[]> sums = new HashMap<>();
        for (List<Execution> runs : byPlan.values()) {
            if (runs.stream().map(Execution::worker).distinct().count() < 2) {
                continue;
            }
            double mean = runs.stream().mapToDouble(Execution::seconds).average().orElseThrow();
            for (Execution e : runs) {
                double[] sum = sums.computeIfAbsent(e.worker(), k -> new double[2]);
                sum[0] += e.seconds() / mean;
                sum[1]++;
            }
        }
        Map<String, Double> factors = new HashMap<>();
        sums.forEach((worker, sum) -> factors.put(worker, sum[0] / sum[1]));
        return factors;
    }
}
