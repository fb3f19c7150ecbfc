package dev.junction.config;

import java.time.Duration;

/** Every default Junction applies, named once. */
public final class ConfigDefaults {
    private ConfigDefaults() {}

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 8080;
    public static final String USAGE_STORE = "jdbc:sqlite:./junction.db";
    public static final String USAGE_JOURNAL = "./junction-journal";
    public static final int RETENTION_DAYS = 90;
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Per-attempt ceiling when neither the route nor the model sets one. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    /** How long a stream that already sent content may stay silent when the route does not say. */
    public static final Duration STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** How long a provider key that failed authentication or quota is left alone. */
    public static final Duration CREDENTIAL_COOLDOWN = Duration.ofMinutes(5);
    public static final boolean ALLOW_FALLBACK = true;
    public static final int RETRIES = 0;
    public static final int MAX_CONNECTIONS = 64;
    /** The demo and a fresh config run open; a team turns on {@code auth.mode: keys}. */
    public static final AuthConfig.Mode AUTH_MODE = AuthConfig.Mode.OPEN;
    /** Prefix of every key Junction writes to the shared state store. */
    public static final String STATE_KEY_PREFIX = "junction:";
}
