package dev.junction.usage;

/**
 * Where usage records go. {@link #offer} is called on the request thread and must never block it;
 * {@link #close} writes every record offered before it returns.
 */
public interface UsageSink extends AutoCloseable {
    void offer(UsageRecord record);

    @Override void close();

    UsageSink NONE = new UsageSink() {
        @Override public void offer(UsageRecord record) {}
        @Override public void close() {}
    };
}
