package dev.junction.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where state shared by gateway replicas lives (rate-limit windows, spend). {@code state:} is a
 * {@code redis://} URL, or a mapping {@code {url, keyPrefix}} when several deployments share one Redis.
 *
 * @param url       {@code redis://[user:password@]host:port[/db]} or {@code rediss://...}
 * @param keyPrefix prepended to every key Junction writes
 */
public record StateConfig(URI url, String keyPrefix) {
    public StateConfig {
        Objects.requireNonNull(url, "url");
        keyPrefix = keyPrefix == null ? ConfigDefaults.STATE_KEY_PREFIX : keyPrefix;
    }

    /** The URL without its user info, for logs. */
    public String redactedUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + (url.getPath() == null ? "" : url.getPath());
    }

    @Override public String toString() { return "StateConfig[" + redactedUrl() + ", keyPrefix=" + keyPrefix + "]"; }
}
