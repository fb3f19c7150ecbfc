package dev.junction.provider;

import dev.junction.error.Failure;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reads one wire format's failures into a {@link Failure}: the only place that format's errors are interpreted. */
public interface ErrorClassifier {
    /** A non-2xx response (or an error payload inside a 200 stream, with status 200). Header names are lower case. */
    Failure classify(int status, Map<String, List<String>> headers, byte[] body);

    /** No (complete) HTTP response: {@code timedOut} when the attempt's deadline was hit. */
    Failure classify(IOException e, boolean timedOut);
}
