package dev.junction.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a hand-written loopback server that misbehaves in ways the simulator does not. */
class UpstreamClientIT {
    private final UpstreamClient client = UpstreamClient.create(4);
    private ServerSocket server;

    @AfterEach void close() throws IOException {
        client.close();
        if (server != null) server.close();
    }

    @Test void post_pooledConnectionClosedByServer_isResentOnAFreshConnection() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        // every connection answers exactly one request with keep-alive, then the server closes it
        URI uri = serve(socket -> {
            connections.incrementAndGet();
            readRequest(socket);
            requests.incrementAndGet();
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}");
            Thread.sleep(50);
        });
        for (int i = 0; i < 3; i++) {
            UpstreamResponse r = client.post(uri, Map.of("Content-Type", "application/json"), "{}".getBytes(), Duration.ofSeconds(5));
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
            Thread.sleep(150);
        }
        assertThat(requests.get()).isEqualTo(3);
        assertThat(connections.get()).isGreaterThanOrEqualTo(3);
    }

    @Test void post_serverTricklesBody_isAbandonedAtTheTimeout() throws Exception {
        URI uri = serve(socket -> {
            readRequest(socket);
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
            for (int i = 0; i < 1000; i++) {
                write(socket, " ");
                Thread.sleep(100);
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.post(uri, Map.of(), "{}".getBytes(), Duration.ofMillis(700)))
                .isInstanceOf(UpstreamTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test void post_headersLowerCased_andErrorBodyRead() throws Exception {
        URI uri = serve(socket -> {
            readRequest(socket);
            write(socket, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 5\r\n\r\nslow!");
        });
        UpstreamResponse r = client.post(uri, Map.of(), new byte[0], Duration.ofSeconds(5));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers()).containsEntry("retry-after", java.util.List.of("3"));
        assertThat(r.body()).isEqualTo("slow!".getBytes(StandardCharsets.UTF_8));
    }

    private interface Handler {
        void handle(Socket socket) throws Exception;
    }

    private URI serve(Handler handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            handler.handle(s);
                        } catch (Exception ignored) {
                            // the client went away
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");
    }

    private static void readRequest(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        int length = 0;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        for (int i = 0; i < length; i++) in.read();
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
