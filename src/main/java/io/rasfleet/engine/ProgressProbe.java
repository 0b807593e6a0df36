package io.rasfleet.engine;

import java.util.OptionalDouble;

/** Reads how far a running plan has got (0..1), from whatever files its engine writes. */
@FunctionalInterface
public interface ProgressProbe {
    OptionalDouble read();
}
