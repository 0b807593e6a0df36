package io.rasfleet.store;

import java.util.List;

/** Some of the plans a run wants are claimed by a run still going: {@code holder} (null when another server's claim won a race just now). */
public class PlansClaimedException extends RuntimeException {

    private final Long holder;
    private final List<String> plans;

    PlansClaimedException(Long holder, List<String> plans, String projectFile) {
        super((holder == null ? "another run" : "run " + holder) + " is still writing the results of plans "
                + String.join(", ", plans) + " of " + projectFile);
        this.holder = holder;
        this.plans = List.copyOf(plans);
    }

    public Long holder() {
        return holder;
    }

    public List<String> plans() {
        return plans;
    }
}
