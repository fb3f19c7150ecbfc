package dev.junction.config;

/** Where and how usage rows are kept. */
public record UsageConfig(String store, String journal, boolean storePrompts, int retentionDays) {
    public static UsageConfig defaults() {
        return new UsageConfig(ConfigDefaults.USAGE_STORE, ConfigDefaults.USAGE_JOURNAL, false, ConfigDefaults.RETENTION_DAYS);
    }
}
