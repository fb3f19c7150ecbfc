package dev.junction.gateway.openai;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The headers of Junction's HTTP surface (interface.md §3), created once. */
public final class JunctionHeaders {
    private JunctionHeaders() {}

    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Junction-Request-Id");
    public static final HeaderName TASK = HeaderNames.create("X-Junction-Task");
    public static final HeaderName MODEL = HeaderNames.create("X-Junction-Model");
    public static final HeaderName FALLBACK = HeaderNames.create("X-Junction-Fallback");
    public static final HeaderName ATTEMPTS = HeaderNames.create("X-Junction-Attempts");
    public static final HeaderName COST_USD = HeaderNames.create("X-Junction-Cost-Usd");
    public static final HeaderName DROPPED_PARAMS = HeaderNames.create("X-Junction-Dropped-Params");

    public static final HeaderName CUSTOMER = HeaderNames.create("X-Junction-Customer");
    public static final HeaderName TAGS = HeaderNames.create("X-Junction-Tags");
    public static final HeaderName CALLER_REQUEST_ID = HeaderNames.create("X-Request-Id");

    public static final HeaderName SHOULD_RETRY = HeaderNames.create("x-should-retry");
    public static final HeaderName RETRY_AFTER = HeaderNames.create("retry-after");

    /**
     * A cost as the {@code X-Junction-Cost-Usd} value: eight decimals, half up, as {@code %.8f} prints
     * it, without parsing a format string on every response.
     */
    public static String usd(double cost) {
        return BigDecimal.valueOf(cost).setScale(8, RoundingMode.HALF_UP).toPlainString();
    }
}
