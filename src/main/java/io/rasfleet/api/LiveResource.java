package io.rasfleet.api;

import io.rasfleet.store.RunStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Server-sent events for the live pages: each event is a whole snapshot (the run as {@code GET
 * /runs/{id}} shows it, or the workers with their slots), sent when it changed. The first event is
 * the current snapshot, so a page that reconnects has caught up at once.
 */
@Path("")
@RequestScoped
@Produces(MediaType.SERVER_SENT_EVENTS)
@RolesAllowed({"viewer", "operator", "admin"})
public class LiveResource {

    @Inject
    LiveEvents live;

    @Inject
    RunStore runs;

    @Context
    Sse sse;

    @GET
    @Path("runs/{id}/events")
    @Tag(name = "runs")
    @Operation(summary = "Follow a run live: server-sent events 'run', each the whole run with its plans and attempts")
    @APIResponse(responseCode = "404", description = "no such run")
    public void run(@PathParam("id") String id, @Context SseEventSink sink) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no run '" + id + "': run ids are numbers");
        }
        if (runs.find(runId).isEmpty()) {
            throw ApiException.notFound("no run " + runId);
        }
        follow(LiveEvents.runTopic(runId), "run", sink);
    }

    @Tag(name = "workers")
    @GET
    @Path("workers/events")
    @Operation(summary = "Follow the workers live: server-sent events 'workers', each every worker with health, slots and their holders")
    public void workers(@Context SseEventSink sink) {
        follow(LiveEvents.WORKERS, "workers", sink);
    }

    private void follow(String topic, String name, SseEventSink sink) {
        Sse events = sse;
        live.subscribe(topic, new LiveFeed.Subscriber() {
            @Override
            public boolean send(long id, String data) {
                if (sink.isClosed()) {
                    return false;
                }
                OutboundSseEvent event = events.newEventBuilder().id(Long.toString(id)).name(name)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).reconnectDelay(2000).build();
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
}
