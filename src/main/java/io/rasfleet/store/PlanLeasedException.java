package io.rasfleet.store;

/** Another live server runs the plan: it must not be started here as well. */
public class PlanLeasedException extends RuntimeException {

    public PlanLeasedException(String message) {
        super(message);
    }
}
