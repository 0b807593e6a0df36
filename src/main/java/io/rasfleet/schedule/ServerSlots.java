package io.rasfleet.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The server's one {@link SlotPool}: a slot runs one plan at a time, whichever run it is for, and
 * a worker marked unhealthy gets no plan from any run. The batch job takes its slots here; the API
 * shows the workers' health from here.
 */
@ApplicationScoped
public class ServerSlots {

    private final SlotPool pool = new SlotPool(List.of());

    public SlotPool pool() {
        return pool;
    }
}
