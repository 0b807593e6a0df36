package io.rasfleet.sim;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Plausible water surfaces for the stand-in's results: each cross section's bed plus a depth that
 * follows the inflow hydrograph, delayed along the reach. Not hydraulics; a shape to plot and test.
 */
final class SeriesMaker {

    private static final int MOST_STEPS = 500;
    private static final double PEAK_DEPTH = 15;

    private SeriesMaker() {
    }

    static SimResult.Series make(SimPlan plan) {
        List<SimGeometry.CrossSection> sections = plan.geometry().crossSections();
        Duration span = Duration.between(plan.start(), plan.end());
        Duration step = plan.outputInterval().isZero() ? Duration.ofHours(1) : plan.outputInterval();
        int steps = plan.unsteady() ? (int) Math.min(MOST_STEPS, span.toMillis() / Math.max(1, step.toMillis()) + 1) : 1;
        if (steps > 1 && span.toMillis() / step.toMillis() + 1 > MOST_STEPS) {
            step = span.dividedBy(MOST_STEPS - 1);
        }
        double[] days = new double[steps];
        String[] stamps = new String[steps];
        float[][] ws = new float[steps][sections.size()];
        float[][] flow = new float[steps][sections.size()];
        double peak = plan.hydrograph().peak();
        for (int t = 0; t < steps; t++) {
            Duration since = step.multipliedBy(t);
            LocalDateTime time = plan.start().plus(since);
            days[t] = since.toMillis() / 86_400_000.0;
            stamps[t] = plan.unsteady() ? SimPlan.stamp(time) : "PF " + (t + 1);
            for (int x = 0; x < sections.size(); x++) {
                Duration lag = Duration.ofMinutes(10L * x);
                double q = plan.hydrograph().flowAt(since.compareTo(lag) > 0 ? since.minus(lag) : Duration.ZERO);
                flow[t][x] = (float) q;
                ws[t][x] = (float) (sections.get(x).bedElevation() + PEAK_DEPTH * Math.pow(q / peak, 0.6));
            }
        }
        return new SimResult.Series(days, stamps, sections.stream().map(SimGeometry.CrossSection::label).toList(), ws, flow);
    }
}
