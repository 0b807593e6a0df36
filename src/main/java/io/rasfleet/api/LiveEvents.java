package io.rasfleet.api;

import io.rasfleet.schedule.ServerSlots;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunReads;
import io.rasfleet.store.RunStore;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.WorkerJson;
import io.rasfleet.worker.WorkerSpec;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the live pages: once a second, one read of the store per watched run, one for the run
 * list and one for the workers, each fanned out by {@link LiveFeed} to every open event stream. Pages never poll the database.
 */
@ApplicationScoped
public class LiveEvents {

    static final String WORKERS = "workers";
    static final String RUNS = "runs";
    private static final String RUN = "run:";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    RunStore runs;

    @Inject
    RunReads reads;

    @Inject
    WorkerStore workers;

    @Inject
    ServerSlots slots;

    private final LiveFeed feed = new LiveFeed();
    private final Jsonb json = JsonbBuilder.create();
    private final Map<String, Map<String, Object>> lastChecks = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticking;

    static String runTopic(long runId) {
        return RUN + runId;
    }

    void subscribe(String topic, LiveFeed.Subscriber subscriber) {
        startTicking();
        feed.subscribe(topic, subscriber, this::snapshot);
    }

    /**
     * Streams {@code topic} to {@code sink} as server-sent events named {@code name}, each a whole
     * snapshot with its id; the first is the current one, so a page that reconnects has caught up.
     */
    void stream(String topic, String name, jakarta.ws.rs.sse.SseEventSink sink, jakarta.ws.rs.sse.Sse sse) {
        subscribe(topic, new LiveFeed.Subscriber() {
            @Override
            public boolean send(long id, String data) {
                if (sink.isClosed()) {
                    return false;
                }
                jakarta.ws.rs.sse.OutboundSseEvent event = sse.newEventBuilder().id(Long.toString(id)).name(name)
                        .mediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).data(data).reconnectDelay(2000).build();
                try {
                    sink.send(event).toCompletableFuture().exceptionally(e -> {
                        sink.close();
                        return null;
                    });
                    return true;
                } catch (IllegalStateException e) {
                    return false;
                }
            }
        });
    }

    void unsubscribe(String topic, LiveFeed.Subscriber subscriber) {
        feed.unsubscribe(topic, subscriber);
    }

    /** Keeps a worker's last "check now" report for the workers page, in words. */
    void checked(String worker, Map<String, Object> report) {
        lastChecks.put(worker, Map.of("at", java.time.Instant.now().toString(), "report", report));
    }

    private synchronized void startTicking() {
        if (ticking == null) {
            ticking = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void tick() {
        try {
            feed.tick(this::snapshot);
        } catch (RuntimeException e) {
            io.rasfleet.log.RasfleetLogger.LOG.liveTickFailed(e);
        }
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    String snapshot(String topic) {
        if (topic.equals(WORKERS)) {
            return workersView();
        }
        if (topic.equals(RUNS)) {
            return json.toJson(RunViews.list(reads, runs));
        }
        long runId = Long.parseLong(topic.substring(RUN.length()));
        // the job's own status first: a stop or a crash is seen by JBeret before our store
        reads.find(runId).ifPresent(run -> JobStatus.refresh(runs, run));
        return reads.findForView(runId).map(view -> json.toJson(RunViews.run(view)))
                .orElse("{\"id\":" + runId + ",\"gone\":true}");
    }

    /** Every worker as the API shows it, with its health, its slots and which run and plan holds each busy one. */
    String workersView() {
        java.util.Set<String> unhealthy = slots.pool().unhealthy();
        Map<String, List<Map<String, Object>>> holders = new java.util.HashMap<>();
        for (RunEntity run : reads.active()) {
            for (PlanRunEntity plan : run.getPlans()) {
                if (plan.getState() == PlanRunEntity.State.RUNNING && plan.getWorker() != null) {
                    holders.computeIfAbsent(plan.getWorker(), w -> new ArrayList<>())
                            .add(Map.of("run", run.getId(), "plan", plan.getPlan()));
                }
            }
        }
        JsonArrayBuilder answer = Json.createArrayBuilder();
        for (WorkerSpec spec : workers.list()) {
            JsonObjectBuilder view = Json.createObjectBuilder(WorkerJson.write(spec))
                    .add(WorkerJson.HEALTHY, !unhealthy.contains(spec.name()))
                    .add("slots", spec.slots())
                    .add("holders", Json.createReader(new java.io.StringReader(
                            json.toJson(holders.getOrDefault(spec.name(), List.of())))).readArray());
            Map<String, Object> check = lastChecks.get(spec.name());
            if (check != null) {
                view.add("lastCheck", Json.createReader(new java.io.StringReader(json.toJson(check))).readObject());
            }
            answer.add(view);
        }
        return answer.build().toString();
    }
}
