package dev.junction.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. JSON is compared structurally; SSE byte for
 * byte. {@code -Dgolden.update=true} rewrites the expected files instead (review the diff like code).
 */
public final class Golden {
    private static final Path ROOT = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {}

    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertJson(String relative, byte[] actual) {
        try {
            JsonNode actualTree = JSON.readTree(actual);
            Path file = ROOT.resolve(relative);
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.write(file, (JSON.writeValueAsString(actualTree) + "\n").getBytes(StandardCharsets.UTF_8));
                if (!UPDATE) throw new AssertionError("golden file was missing and has been written: " + file);
                return;
            }
            JsonNode expected = JSON.readTree(Files.readAllBytes(file));
            assertThat(actualTree).as(relative).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertBytes(String relative, byte[] actual) {
        try {
            Path file = ROOT.resolve(relative);
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.write(file, actual);
                if (!UPDATE) throw new AssertionError("golden file was missing and has been written: " + file);
                return;
            }
            assertThat(new String(actual, StandardCharsets.UTF_8)).as(relative)
                    .isEqualTo(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
