package io.rasfleet.api;

import java.util.List;

/** The body of {@code POST /runs}; only {@code project} is required. */
public class RunRequest {
    public String project;
    public List<String> plans;
    public List<String> workers;
    public Integer numCores;
    public Boolean clearGeompre;
    public Boolean autoclean;
    public Integer maxAttempts;
    public Integer timeoutMinutes;
}
