package io.rasfleet.schedule;

import java.util.List;
import java.util.PriorityQueue;

/**
 * A list schedule worked out on paper: jobs of known durations taken in the given order, each by
 * the slot that frees first (ties to the lower slot number, as {@link SlotPool} serves the lower
 * tier first). The benchmark sets what the server did beside FIFO and longest-first schedules of the
 * same durations, and tests compare orders with it.
 */
public final class ListSchedule {

    private ListSchedule() {
    }

    /** When the last job ends, in the durations' unit, when {@code durations} run in this order on {@code slots}. */
    public static double makespan(List<Double> durations, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a schedule needs a slot, got " + slots);
        }
        PriorityQueue<double[]> free = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        for (int i = 0; i < slots; i++) {
            free.add(new double[] {0, i});
        }
        double end = 0;
        for (double d : durations) {
            double[] slot = free.poll();
            slot[0] += d;
            end = Math.max(end, slot[0]);
            free.add(slot);
        }
        return end;
    }

    /** No schedule ends sooner: the longest job, or all the work spread evenly over the slots. */
    public static double lowerBound(List<Double> durations, int slots) {
        double longest = durations.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double total = durations.stream().mapToDouble(Double::doubleValue).sum();
        return Math.max(longest, total / slots);
    }
}
