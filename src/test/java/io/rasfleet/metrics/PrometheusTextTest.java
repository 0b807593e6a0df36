package io.rasfleet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.testing.WorkerSpecs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's meters as a Prometheus 3 scrape reads them: names, types, labels and values of text format 0.0.4. */
class PrometheusTextTest {

    @Test
    void theFleetsMetersComeOutUnderPrometheusNamesWithTheirTypesAndValues() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FleetMeters meters = new FleetMeters(registry);
        meters.watch(new SlotPool(List.of(WorkerSpecs.local("local", "/ras").folder("/w").cores(4, 2).build())));
        meters.attemptStarted("local");
        meters.attemptEnded("local", "SUCCEEDED", Duration.ofMillis(2500), "SUCCEEDED");
        meters.attemptLeft("local");
        meters.staged("local", 1_371_900);

        List<String> lines = PrometheusText.of(registry, "rasfleet").lines().toList();
        for (String line : List.of("# TYPE rasfleet_attempts_total counter",
                "rasfleet_attempts_total{outcome=\"SUCCEEDED\",worker=\"local\"} 1",
                "# TYPE rasfleet_attempt_duration_seconds summary",
                "rasfleet_attempt_duration_seconds_count{outcome=\"SUCCEEDED\",worker=\"local\"} 1",
                "rasfleet_attempt_duration_seconds_sum{outcome=\"SUCCEEDED\",worker=\"local\"} 2.5",
                "# TYPE rasfleet_attempt_duration_seconds_max gauge",
                "rasfleet_plans_ended_total{state=\"SUCCEEDED\",worker=\"local\"} 1",
                "rasfleet_plans{state=\"RUNNING\",worker=\"local\"} 0",
                "rasfleet_slots_capacity{worker=\"local\"} 2", "rasfleet_slots_busy{worker=\"local\"} 0",
                "rasfleet_plans_waiting 0", "rasfleet_staged_bytes_total{worker=\"local\"} 1371900")) {
            assertTrue(lines.contains(line), line + " in\n" + String.join("\n", lines));
        }
        // each family's TYPE line comes once, right before its samples
        assertEquals(lines.stream().filter(l -> l.startsWith("# TYPE ")).distinct().count(),
                lines.stream().filter(l -> l.startsWith("# TYPE ")).count());
    }

    @Test
    void labelValuesAreEscapedAndNamesKeptToPrometheusLetters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.counter("rasfleet.attempts", "worker", "Remote \"Docker\" 6.7 (SSH)\\x").increment(3);
        registry.gauge("rasfleet.9lives-left", 0.0004);
        String text = PrometheusText.of(registry, "");
        assertTrue(text.contains("rasfleet_attempts_total{worker=\"Remote \\\"Docker\\\" 6.7 (SSH)\\\\x\"} 3\n"), text);
        assertTrue(text.contains("rasfleet_9lives_left 4.0E-4\n"), text);
    }

    @Test
    void onlyTheNamedPrefixIsWritten() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.counter("jvm.gc.pause").increment();
        registry.counter("rasfleet.attempts").increment();
        assertEquals("# TYPE rasfleet_attempts_total counter\nrasfleet_attempts_total 1\n", PrometheusText.of(registry, "rasfleet"));
    }
}
