package dev.junction.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The canned bodies the benchmarks translate. They are the same files {@code bench/run} serves from
 * nginx, so the micro-benchmarks and the load runs measure the same bytes.
 */
final class Fixtures {
    /** The ~300 B chat request every load run sends. */
    static final String REQUEST_SMALL = "request-small.json";
    /** The ~20 KB chat request (a contract to review). */
    static final String REQUEST_LARGE = "request-large.json";
    /** Events in each canned stream; per-event figures divide by it. */
    static final int STREAM_EVENTS = 20;

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("fixture missing from the classpath: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request fixture for a {@code small}/{@code large} benchmark parameter. */
    static byte[] request(String size) {
        return bytes(switch (size) {
            case "small" -> REQUEST_SMALL;
            case "large" -> REQUEST_LARGE;
            default -> throw new IllegalArgumentException("size is small or large, not " + size);
        });
    }

    /** Writes {@code yaml} to a temporary file for {@code ConfigLoader}, which reads files. */
    static Path configFile(String yaml) {
        try {
            Path file = Files.createTempFile("junction-bench-", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
