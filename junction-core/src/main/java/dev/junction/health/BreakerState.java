package dev.junction.health;

import java.util.Locale;

/** A model's circuit: {@code closed} (called), {@code open} (skipped), {@code half_open} (one probe allowed). */
public enum BreakerState {
    CLOSED(0), HALF_OPEN(1), OPEN(2);

    private final int gauge;

    BreakerState(int gauge) { this.gauge = gauge; }

    /** The value of the {@code junction_circuit_state} gauge: 0 closed, 1 half-open, 2 open. */
    public int gauge() { return gauge; }

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
