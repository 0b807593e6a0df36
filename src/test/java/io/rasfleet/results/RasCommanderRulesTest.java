package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ras-commander's rules for the results table, one at a time, on the edge cases its own code
 * decides (ResultsParser's patterns, get_runtime_data's parsing and sums), and the shortest decimals.
 */
class RasCommanderRulesTest {

    @Test
    void floatIsWrittenAsItsOwnShortestDecimalNotItsWidenedDouble() {
        // (double) 0.0004f is 3.9999998989515007E-4; the float itself reads back from "0.0004"
        assertEquals("0.0004", ShortestDecimal.of(0.0004f).toString());
        assertEquals("3.9999998989515007E-4", Double.toString(0.0004f));
        assertEquals("48.0", ShortestDecimal.of(48.0).toString());
        assertEquals("0.0", ShortestDecimal.of(0.0f).toString());
        assertEquals("-1.5", ShortestDecimal.of(-1.5f).toString());
        // Java 17 prints this double with 18 digits (JDK-4511638); 15 read back
        assertEquals("2.82879384806159008E17", Double.toString(2.82879384806159E17));
        assertEquals("282879384806159000.0", ShortestDecimal.of(2.82879384806159E17).toString());
        assertEquals("0.1", ShortestDecimal.of(0.1).toString());
        assertEquals("0.30000000000000004", ShortestDecimal.of(0.1 + 0.2).toString());
        assertNull(ShortestDecimal.of(Double.POSITIVE_INFINITY));
        assertNull(ShortestDecimal.of(Float.NaN));
        assertEquals(7, ShortestDecimal.ofNumber(7), "counts stay integers");
    }

    @Test
    void shortestDecimalReadsBackForEveryFloatTried() {
        java.util.Random random = new java.util.Random(20);
        for (int i = 0; i < 2_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                BigDecimal d = ShortestDecimal.of(f);
                assertEquals(f, Float.parseFloat(d.toString()), d.toString());
                assertEquals(true, d.precision() <= 9 || d.scale() == 1, d.toString());
            }
        }
    }

    @Test
    void completedOnlyForAWholeCompleteProcessRecord() {
        assertEquals(true, MessageCounts.of("Complete Process\t       3").completed());
        assertEquals(true, MessageCounts.of("Complete Process\t00:01:30\r\n").completed());
        assertEquals(true, MessageCounts.of("Complete Process   646x").completed());
        assertEquals(true, MessageCounts.of("Complete Process 12 seconds").completed());
        assertEquals(true, MessageCounts.of("Complete Process").completed());
        // a substring is no record: ras-commander's _COMPLETE_PROCESS_LINE is a full match
        assertEquals(false, MessageCounts.of("Did not Complete Process").completed());
        assertEquals(false, MessageCounts.of("Complete Process failed").completed());
        assertEquals(false, MessageCounts.of("Complete Process\t<1").completed(), "<1 is no figure the pattern takes");
        assertEquals(false, MessageCounts.of(" Complete Process 3").completed(), "the record starts the line");
        assertEquals(false, MessageCounts.of("").completed());
    }

    @Test
    void errorsAndWarningsAreCountedByRasCommandersPatterns() {
        String text = String.join("\n",
                "Overall Volume Accounting Error as percentage: 0.01", // error word, excluded, no warning word
                "Maximum WSEL error 0.3 ft",                          // excluded
                "Errors: 0",                                           // excluded
                "Geometry Writer Failed",                              // error
                "Unable to open DSS file",                             // error
                "WARNING: flow exceeded",                              // warning
                "Solution went unstable",                              // warning
                "The generated edge lines have self intersections, the interpolation surface may not generate"
                        + " correctly because of this. See the points in the error layer.", // classified warning
                "Exit Code = -532462766",                              // error
                "   ");
        MessageCounts c = MessageCounts.of(text);
        assertEquals(3, c.errorCount());
        assertEquals(3, c.warningCount());
        assertEquals("Geometry Writer Failed", c.firstErrorLine());
        String longLine = "ERROR: " + "x".repeat(300);
        assertEquals(longLine.substring(0, 200), MessageCounts.of(longLine).firstErrorLine());
    }

    @Test
    void messageRuntimesReadTheTaskAndSpeedTables() {
        String text = "Computations Summary\n\nComputation Task\tTime(hh:mm:ss)\nCompleting Geometry\t<1\n"
                + "Unsteady Flow Computations\t    6:24\nComplete Process\t 1:02:03\n\n"
                + "Computation Speed\tSimulation/Runtime\nUnsteady Flow Computations\t673x\nComplete Process\t646x\n"
                + "Overall Volume Accounting Error as percentage:           0.01866\n";
        MessageRuntimes t = MessageRuntimes.of(text);
        assertEquals(3723.0, t.completeProcessSeconds(), "1:02:03 as h:m:s");
        assertEquals(384.0, t.unsteadyComputeSeconds(), "6:24 as m:s");
        assertEquals(646.0, t.completeProcessSpeed());
        assertEquals(0.01866, t.volErrorPercent());
        assertEquals(0.5, MessageRuntimes.seconds("<1"), "ras-commander counts under a second as half of one");
        assertNull(MessageRuntimes.seconds("1.5:3"));
        assertNull(MessageRuntimes.of("Complete Process\t3\n").completeProcessSeconds(), "only inside the task table");
    }

    @Test
    void fileRuntimeSumsEveryComputeProcessAndNeedsAWindowStrptimeReads() {
        List<ComputeProcess> rows = List.of(new ComputeProcess("Ras.exe", null, null, null, 0),
                new ComputeProcess("Completing Geometry", null, null, null, 2266),
                new ComputeProcess("Unsteady Flow Computations", null, null, null, 625));
        SummaryRuntime t = SummaryRuntime.fromFile("02JAN1900 00:00:00", "03jan1900 12:00:00", rows);
        // 36 h simulated; 0/3.6e6 + 2266/3.6e6 + 625/3.6e6 summed in order (numpy, under 8 values)
        double total = 0.0 + (-0.0 + 0 / 3_600_000.0 + 2266 / 3_600_000.0 + 625 / 3_600_000.0);
        assertEquals(36.0, t.simulationHours());
        assertEquals(total, t.completeProcessHours());
        assertEquals(625 / 3_600_000.0, t.unsteadyComputeHours());
        assertEquals(36.0 / total, t.completeProcessSpeed());
        assertEquals("hdf", t.source());
        assertNull(SummaryRuntime.fromFile("02JAN1900 24:00:00", "03JAN1900 12:00:00", rows), "strptime refuses hour 24");
        assertNull(SummaryRuntime.fromFile(null, "03JAN1900 12:00:00", rows), "no window: ras-commander's None");
        assertNull(SummaryRuntime.fromFile("02JAN1900 00:00:00", "03JAN1900 12:00:00", List.of()), "no Compute Processes");
    }

    @Test
    void manyComputeProcessesAreSummedAsNumpySumsThem() {
        double[] values = new double[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919 % 1000) / 3_600_000.0;
        }
        // numpy.pairwise_sum for 20 values: eight running sums over the first 16, combined as
        // ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the last four added one by one
        double[] r = java.util.Arrays.copyOf(values, 8);
        for (int j = 0; j < 8; j++) {
            r[j] += values[8 + j];
        }
        double expected = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (int i = 16; i < 20; i++) {
            expected += values[i];
        }
        assertEquals(expected, SummaryRuntime.pairwiseSum(values, 0, values.length));
    }
}
