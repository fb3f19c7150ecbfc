package dev.junction.simulator.persona;

/** How a persona reads a request: a generation call to script, or something it answers at once. */
public sealed interface Incoming {

    /** The model the request named (or {@code null}) and whether it asked for a stream. */
    String model();

    boolean stream();

    /** A well-formed, authenticated generation request: the script decides the reply. */
    record Generate(RequestFacts facts) implements Incoming {
        @Override public String model() { return facts.model(); }
        @Override public boolean stream() { return facts.stream(); }
    }

    /** Answered without consulting the script: a missing or bad key, a bad body, a model list, an unknown path. */
    record Answered(String model, boolean stream, Reply reply) implements Incoming {}
}
