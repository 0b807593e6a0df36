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

    /** How many runs a page of the run list shows when the request does not say. */
    static final int PAGE = 50;
    private static final String PAGE_TOPIC = "runs:";

    /** The page's count of all runs and the run id a next page starts before (null: no older runs). */
    record PageInfo(long total, Long next) {
    }

    /** The last few hundred pages' counts, beside their snapshots, for the headers of {@code GET /runs}. */
    private final Map<String, PageInfo> pages = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PageInfo> eldest) {
                    return size() > 500;
                }
            });

    static String runTopic(long runId) {
        return RUN + runId;
    }

    /** The topic of a page of the run list; the first page of the usual size is the run list's live topic. */
    static String runsTopic(int limit, Long before) {
        return limit == PAGE && before == null ? RUNS : PAGE_TOPIC + limit + ":" + (before == null ? "" : before);
    }

    /** What a run's topic shows for a run that does not exist. */
    static String gone(long runId) {
        return "{\"id\":" + runId + ",\"gone\":true}";
    }

    /** The topic as {@code GET} serves it: the bytes its event stream sends, at most a second old. */
    LiveFeed.Snapshot read(String topic) {
        return feed.read(topic, this::snapshot);
    }

    /** The counts beside a run list page's snapshot (made with it). */
    PageInfo pageInfo(String topic) {
        PageInfo info = pages.get(topic);
        if (info == null) {
            snapshot(topic);
            info = pages.get(topic);
        }
        return info;
    }

    /** A run was started, stopped or restarted here: the run list and that run are read anew. */
    void changed(long runId) {
        String run = runTopic(runId);
        feed.changed(topic -> topic.equals(run) || topic.equals(RUNS) || topic.startsWith(PAGE_TOPIC));
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
            return page(topic, PAGE, null);
        }
        if (topic.startsWith(PAGE_TOPIC)) {
            String[] parts = topic.substring(PAGE_TOPIC.length()).split(":", -1);
            return page(topic, Integer.parseInt(parts[0]), parts[1].isEmpty() ? null : Long.valueOf(parts[1]));
        }
        long runId = Long.parseLong(topic.substring(RUN.length()));
        // the job's own status first: a stop or a crash is seen by JBeret before our store
        reads.find(runId).ifPresent(run -> JobStatus.refresh(runs, run));
        return reads.findForView(runId).map(view -> json.toJson(RunViews.run(view))).orElse(gone(runId));
    }

    private String page(String topic, int limit, Long before) {
        RunReads.RunPage page = reads.page(limit, before);
        List<Map<String, Object>> views = RunViews.list(page.runs(), runs);
        pages.put(topic, new PageInfo(page.total(), page.older() ? (Long) views.get(views.size() - 1).get("id") : null));
        return json.toJson(views);
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
