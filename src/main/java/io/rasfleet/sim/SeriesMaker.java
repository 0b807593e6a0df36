package io.rasfleet.sim;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Plausible water surfaces for the stand-in's results: each cross section's bed plus the normal
 * depth of its main channel (Manning's equation for a wide rectangular channel, the geometry's
 * channel n and bank-to-bank width, the reach's mean bed slope) for the inflow hydrograph's flow,
 * delayed along the reach. More roughness or more flow gives a higher water surface, as in a model;
 * still no hydraulics to trust, a shape to plot, compare and test.
 */
final class SeriesMaker {

    private static final int MOST_STEPS = 500;
    /** Manning's constant: 1.486 with feet and cfs, 1 with metres and m³/s. */
    private static final double MANNING_US = 1.486;
    /** A reach drawn flat still drains in the stand-in: a gentle slope as the least. */
    private static final double LEAST_SLOPE = 1e-4;

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
        double k = plan.unitsSystem().startsWith("SI") ? 1 : MANNING_US;
        double rootSlope = Math.sqrt(slope(sections));
        for (int t = 0; t < steps; t++) {
            Duration since = step.multipliedBy(t);
            LocalDateTime time = plan.start().plus(since);
            days[t] = since.toMillis() / 86_400_000.0;
            stamps[t] = plan.unsteady() ? SimPlan.stamp(time) : "PF " + (t + 1);
            for (int x = 0; x < sections.size(); x++) {
                Duration lag = Duration.ofMinutes(10L * x);
                double q = plan.hydrograph().flowAt(since.compareTo(lag) > 0 ? since.minus(lag) : Duration.ZERO);
                flow[t][x] = (float) q;
                ws[t][x] = (float) (sections.get(x).bedElevation() + normalDepth(sections.get(x), q, k, rootSlope));
            }
        }
        return new SimResult.Series(days, stamps, sections.stream().map(SimGeometry.CrossSection::label).toList(), ws, flow);
    }

    /** Q = k/n · A · R^(2/3) · √S with A = w·y and R ≈ y gives y = (Q·n / (k·w·√S))^(3/5). */
    static double normalDepth(SimGeometry.CrossSection section, double flow, double k, double rootSlope) {
        return Math.pow(Math.max(0, flow) * section.channelN() / (k * section.channelWidth() * rootSlope), 0.6);
    }

    /** The reach's mean bed slope, upstream section to downstream section over the channel lengths between. */
    static double slope(List<SimGeometry.CrossSection> sections) {
        if (sections.size() < 2) {
            return LEAST_SLOPE;
        }
        double length = sections.subList(0, sections.size() - 1).stream().mapToDouble(SimGeometry.CrossSection::lengthToNext).sum();
        double drop = sections.get(0).bedElevation() - sections.get(sections.size() - 1).bedElevation();
        return length > 0 ? Math.max(LEAST_SLOPE, drop / length) : LEAST_SLOPE;
    }
}
