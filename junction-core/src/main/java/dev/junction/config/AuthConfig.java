package dev.junction.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Who may call the gateway.
 *
 * @param mode     {@link Mode#OPEN}: anyone who can reach the port; {@link Mode#KEYS}: every request needs a gateway key
 * @param adminKey when set, {@code /v1/junction/*} needs it as a Bearer token; null leaves those endpoints open
 */
public record AuthConfig(Mode mode, Secret adminKey) {
    public enum Mode {
        OPEN, KEYS;

        public String wireName() { return name().toLowerCase(Locale.ROOT); }
    }

    public AuthConfig {
        Objects.requireNonNull(mode, "mode");
    }

    public static AuthConfig defaults() { return new AuthConfig(ConfigDefaults.AUTH_MODE, null); }

    public boolean keysRequired() { return mode == Mode.KEYS; }
}
