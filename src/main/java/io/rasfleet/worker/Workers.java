package io.rasfleet.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** The worker types this build knows, each from its {@link WorkerProvider}, and the worker a spec describes. */
public final class Workers {

    private static final Map<String, WorkerProvider> PROVIDERS = load();

    private Workers() {
    }

    public static Worker of(WorkerSpec spec) {
        return provider(spec.type()).worker(spec);
    }

    /** The provider of {@code type} ({@code worker_type}, any case); an unknown type is refused naming the known ones. */
    public static WorkerProvider provider(String type) {
        WorkerProvider provider = type == null ? null : PROVIDERS.get(type.strip().toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new WorkerConfigException("worker_type", "unknown worker_type '" + type + "'; known: " + types());
        }
        return provider;
    }

    /** The providers of every known type. */
    public static java.util.Collection<WorkerProvider> providers() {
        return PROVIDERS.values();
    }

    /** The known types, as a message lists them: {@code local, ssh, docker, psexec}. */
    public static String types() {
        return String.join(", ", PROVIDERS.keySet());
    }

    private static Map<String, WorkerProvider> load() {
        Map<String, WorkerProvider> byType = new LinkedHashMap<>();
        // the loader of this SPI, not the thread's: batch and timer threads of the server may have another one
        for (WorkerProvider provider : ServiceLoader.load(WorkerProvider.class, WorkerProvider.class.getClassLoader())) {
            WorkerProvider earlier = byType.putIfAbsent(provider.type(), provider);
            if (earlier != null) {
                throw new IllegalStateException("worker_type " + provider.type() + " is provided twice: by "
                        + earlier.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(byType);
    }
}
