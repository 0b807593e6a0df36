package io.rasfleet.engine;

/** Told each time a running plan's progress changes. */
@FunctionalInterface
public interface ProgressListener {
    void progress(double fraction);
}
