package dev.junction.provider;

import dev.junction.model.ChatRequest;
import java.time.Duration;

/**
 * One upstream attempt as the runner hands it to an adapter.
 *
 * @param timeout the most this attempt may take (to the full response, or to the first event of a
 *                stream); the adapter fails with {@code timeout} when it is spent
 * @param requestId Junction's request id, for the upstream's logs where a header allows it
 */
public record ProviderCall(Deployment deployment, ChatRequest request, Duration timeout, String requestId) {}
