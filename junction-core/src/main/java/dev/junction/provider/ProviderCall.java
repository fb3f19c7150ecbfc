package dev.junction.provider;

import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatRequest;
import java.time.Duration;
import java.util.List;

/**
 * One upstream attempt as the runner hands it to an adapter.
 *
 * @param timeout the most this attempt may take (to the full response, or to the first event of a
 *                stream); the adapter fails with {@code timeout} when it is spent
 * @param requestId Junction's request id, for the upstream's logs where a header allows it
 * @param rejectUnsupportedParams the route's {@code onUnsupportedParams: reject}: a parameter this
 *                provider cannot take fails the request instead of being dropped
 */
public record ProviderCall(Deployment deployment, ChatRequest request, Duration timeout, String requestId,
                           boolean rejectUnsupportedParams) {

    public ProviderCall(Deployment deployment, ChatRequest request, Duration timeout, String requestId) {
        this(deployment, request, timeout, requestId, false);
    }

    /**
     * Called by each adapter with the parameters its mapping could not send: on a strict route the
     * request is refused before anything is sent (the caller's request asks for what this model cannot do).
     */
    public void requireSupported(List<String> dropped) {
        if (!rejectUnsupportedParams || dropped.isEmpty()) return;
        throw new ProviderException(new Failure(ErrorClass.INVALID_REQUEST, 400, null, "unsupported_parameter",
                "provider '" + deployment.provider().name() + "' cannot take " + String.join(", ", dropped)
                        + " and the route sets onUnsupportedParams: reject"));
    }
}
