package io.rasfleet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's meters in Prometheus's text format 0.0.4, named as Prometheus's own Micrometer
 * registry names them ({@code rasfleet.attempts} counting becomes {@code rasfleet_attempts_total},
 * a timer's seconds {@code _seconds_count}, {@code _sum}, {@code _max}). WildFly's management
 * endpoint serves the same figures without a {@code Content-Type}, which Prometheus 3 refuses;
 * this text goes out under {@link #CONTENT_TYPE}.
 */
public final class PrometheusText {

    /** What Prometheus expects of text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /** Every meter of {@code registry} whose name starts with {@code prefix} ("" for all), families sorted by name. */
    public static String of(MeterRegistry registry, String prefix) {
        Map<String, Family> families = new TreeMap<>();
        List<Meter> meters = new ArrayList<>(registry.getMeters());
        meters.sort(Comparator.comparing(m -> m.getId().toString()));
        for (Meter meter : meters) {
            if (meter.getId().getName().startsWith(prefix)) {
                add(families, meter);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Family> family : families.entrySet()) {
            Family f = family.getValue();
            if (f.help != null) {
                out.append("# HELP ").append(family.getKey()).append(' ').append(escapeHelp(f.help)).append('\n');
            }
            out.append("# TYPE ").append(family.getKey()).append(' ').append(f.type).append('\n');
            f.samples.forEach(s -> out.append(s).append('\n'));
        }
        return out.toString();
    }

    private static void add(Map<String, Family> families, Meter meter) {
        Meter.Id id = meter.getId();
        String base = name(id.getName());
        String labels = labels(id.getTagsAsIterable());
        String help = id.getDescription();
        if (meter instanceof Counter c) {
            sample(families, base + "_total", "counter", help, labels, c.count());
        } else if (meter instanceof FunctionCounter c) {
            sample(families, base + "_total", "counter", help, labels, c.count());
        } else if (meter instanceof TimeGauge g) {
            sample(families, base + "_seconds", "gauge", help, labels, g.value(TimeUnit.SECONDS));
        } else if (meter instanceof Gauge g) {
            sample(families, withUnit(base, id.getBaseUnit()), "gauge", help, labels, g.value());
        } else if (meter instanceof Timer t) {
            String name = base + "_seconds";
            summary(families, name, help, labels, t.count(), t.totalTime(TimeUnit.SECONDS));
            sample(families, name + "_max", "gauge", help, labels, t.max(TimeUnit.SECONDS));
        } else if (meter instanceof FunctionTimer t) {
            summary(families, base + "_seconds", help, labels, t.count(), t.totalTime(TimeUnit.SECONDS));
        } else if (meter instanceof LongTaskTimer t) {
            String name = base + "_seconds";
            sample(families, name + "_active_count", "gauge", help, labels, t.activeTasks());
            sample(families, name + "_duration_sum", "gauge", help, labels, t.duration(TimeUnit.SECONDS));
            sample(families, name + "_max", "gauge", help, labels, t.max(TimeUnit.SECONDS));
        } else if (meter instanceof DistributionSummary d) {
            String name = withUnit(base, id.getBaseUnit());
            summary(families, name, help, labels, d.count(), d.totalAmount());
            sample(families, name + "_max", "gauge", help, labels, d.max());
        } else {
            for (io.micrometer.core.instrument.Measurement m : meter.measure()) {
                String statistic = m.getStatistic().getTagValueRepresentation().toLowerCase(Locale.ROOT);
                sample(families, base + "_" + name(statistic), "untyped", help, labels, m.getValue());
            }
        }
    }

    private static void sample(Map<String, Family> families, String name, String type, String help, String labels, double value) {
        families.computeIfAbsent(name, n -> new Family(type, help)).samples.add(name + labels + " " + number(value));
    }

    /** A summary without quantiles: its family's {@code _count} and {@code _sum} samples. */
    private static void summary(Map<String, Family> families, String name, String help, String labels, double count, double sum) {
        Family family = families.computeIfAbsent(name, n -> new Family("summary", help));
        family.samples.add(name + "_count" + labels + " " + number(count));
        family.samples.add(name + "_sum" + labels + " " + number(sum));
    }

    /** Micrometer's dotted names in Prometheus's alphabet: letters, digits, '_' and ':', not starting with a digit. */
    static String name(String dotted) {
        String name = dotted.replaceAll("[^a-zA-Z0-9_:]", "_");
        return Character.isDigit(name.charAt(0)) ? "m_" + name : name;
    }

    private static String withUnit(String base, String unit) {
        if (unit == null || unit.isBlank()) {
            return base;
        }
        String suffix = "_" + name(unit);
        return base.endsWith(suffix) ? base : base + suffix;
    }

    private static String labels(Iterable<Tag> tags) {
        StringBuilder out = new StringBuilder();
        for (Tag tag : tags) {
            out.append(out.length() == 0 ? "{" : ",").append(name(tag.getKey())).append("=\"").append(escapeLabel(tag.getValue())).append('"');
        }
        return out.length() == 0 ? "" : out.append('}').toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static final class Family {
        final String type;
        final String help;
        final List<String> samples = new ArrayList<>();

        Family(String type, String help) {
            this.type = type;
            this.help = help;
        }
    }
}
