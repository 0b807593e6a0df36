package io.rasfleet.sim;

import java.util.List;
import java.util.Map;

/**
 * What the stand-in writes into a results file, in HEC-RAS's names. {@code unsteady} picks
 * {@code /Results/Unsteady} or {@code /Results/Steady}; a null field is not written.
 */
record SimResult(
        String fileVersion,
        String unitsSystem,
        Map<String, String> planInformation,
        Map<String, String> standInSettings,
        String computeMessages,
        boolean unsteady,
        String solution,
        String runTimeWindow,
        String computationTime,
        Float maximumWselError,
        Integer maximumCores,
        String timeSolutionWentUnstable,
        VolumeAccounting volume,
        Series series) {

    record VolumeAccounting(float error, float errorPercent, float starting, float ending, float inflow, float outflow) {
    }

    /** Water surface and flow per output time (rows) and cross section (columns). */
    record Series(double[] days, String[] stamps, List<String> crossSections, float[][] waterSurface, float[][] flow) {
    }
}
