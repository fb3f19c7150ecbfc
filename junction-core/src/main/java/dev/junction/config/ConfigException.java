package dev.junction.config;

import java.util.List;

/** A config that cannot be used. Holds every problem found in one pass, each naming file and field path. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) { this(List.of(problem)); }

    public List<String> problems() { return problems; }
}
