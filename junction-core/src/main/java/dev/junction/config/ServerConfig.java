package dev.junction.config;

/** The gateway's listening socket and limits. */
public record ServerConfig(String host, int port, long maxBodyBytes, long shutdownGraceMs) {
    public static ServerConfig defaults() {
        return new ServerConfig(ConfigDefaults.HOST, ConfigDefaults.PORT, ConfigDefaults.MAX_BODY_BYTES,
                ConfigDefaults.SHUTDOWN_GRACE.toMillis());
    }

    public ServerConfig withPort(int newPort) { return new ServerConfig(host, newPort, maxBodyBytes, shutdownGraceMs); }
}
