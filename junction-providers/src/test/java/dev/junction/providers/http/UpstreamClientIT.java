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
            write(socket, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nX-Multi:a\r\nx-MULTI:  b c  \r\n"
                    + "no colon here\r\n: no name\r\nX-Empty:\r\nContent-Length: 5\r\n\r\nslow!");
        });
        UpstreamResponse r = client.post(uri, Map.of(), new byte[0], Duration.ofSeconds(5));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers()).containsEntry("retry-after", java.util.List.of("3"))
                .containsEntry("x-multi", java.util.List.of("a", "b c")).containsEntry("x-empty", java.util.List.of(""))
                .containsOnlyKeys("retry-after", "x-multi", "x-empty", "content-length");
        assertThat(r.body()).isEqualTo("slow!".getBytes(StandardCharsets.UTF_8));
    }

    @Test void post_keepAlive_carriesSequentialRequestsOnOneConnection() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        URI uri = serve(socket -> {
            connections.incrementAndGet();
            while (readRequest(socket)) {
                write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            }
        });
        for (int i = 0; i < 5; i++) {
            assertThat(client.post(uri, Map.of(), "{}".getBytes(), Duration.ofSeconds(5)).status()).isEqualTo(200);
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test void post_requestsOfEverySize_goOutByteForByte_onOneConnection() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        URI uri = serve(socket -> {
            while (true) {
                String request = readWholeRequest(socket);
                if (request == null) return;
                seen.add(request);
                write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            }
        });
        String large = "{\"text\":\"" + "x".repeat(UpstreamConnection.KEPT_WRITE) + "\"}"; // past the kept buffer
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Authorization", "Bearer sk-test");
        headers.put("X-Title", "caf\u00e9 \u20ac"); // outside ISO-8859-1: '?'

        for (String body : new String[] {"{\"a\":1}", large, "{}", "{\"b\":22}"}) {
            assertThat(client.post(uri, headers, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)).status()).isEqualTo(200);
        }

        String host = "127.0.0.1:" + server.getLocalPort();
        assertThat(seen).containsExactly(
                request(host, 7, "{\"a\":1}"), request(host, large.length(), large), request(host, 2, "{}"),
                request(host, 8, "{\"b\":22}"));

        // every size across the kept buffer's end, where a request stops fitting in it; each body is the
        // start of a larger buffer (as a mapper's is), and only its own bytes may go out
        seen.clear();
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int size = UpstreamConnection.KEPT_WRITE - 300; size <= UpstreamConnection.KEPT_WRITE + 20; size++) {
            String body = "y".repeat(size - 1) + "z";
            byte[] buffer = (body + "#not-the-body#").getBytes(StandardCharsets.UTF_8);
            assertThat(client.post(uri, headers, new RequestBytes(buffer, size), Duration.ofSeconds(5)).status()).isEqualTo(200);
            expected.add(request(host, size, body));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    private static String request(String host, int length, String body) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer sk-test\r\n"
                + "X-Title: caf\u00e9 ?\r\nContent-Length: " + length + "\r\n\r\n" + body;
    }

    @Test void post_chunkedBodyWithExtensionsAndTrailers_isDecoded_andTheConnectionReused() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        URI uri = serve(socket -> {
            connections.incrementAndGet();
            while (readRequest(socket)) {
                write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\n{\"a\":\r\n3\r\n42}\r\n0\r\nX-Trailer: t\r\n\r\n");
            }
        });
        for (int i = 0; i < 2; i++) {
            UpstreamResponse r = client.post(uri, Map.of(), "{}".getBytes(), Duration.ofSeconds(5));
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":42}");
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test void post_connectionClose_isNotReused() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        URI uri = serve(socket -> {
            connections.incrementAndGet();
            readRequest(socket);
            write(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"until\":\"close\"}");
        });
        for (int i = 0; i < 3; i++) {
            UpstreamResponse r = client.post(uri, Map.of(), "{}".getBytes(), Duration.ofSeconds(5));
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"until\":\"close\"}");
        }
        assertThat(connections.get()).isEqualTo(3);
    }

    @Test void post_serverNeverAnswers_isCutAtTheDeadline() throws Exception {
        URI uri = serve(socket -> {
            readRequest(socket);
            Thread.sleep(10_000);
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.post(uri, Map.of(), "{}".getBytes(), Duration.ofMillis(300)))
                .isInstanceOf(UpstreamTimeoutException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(1500));
    }

    @Test void postStream_handsOnEachChunkAsItArrives() throws Exception {
        java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);
        URI uri = serve(socket -> {
            readRequest(socket);
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "b\r\ndata: one\n\n\r\n");
            // the second event is only sent once the client has read the first: no read may wait for more
            firstRead.await();
            write(socket, "b\r\ndata: two\n\n\r\n0\r\n\r\n");
        });
        try (UpstreamStream stream = client.postStream(uri, Map.of(), "{}".getBytes(), Duration.ofSeconds(5))) {
            byte[] buf = new byte[4096];
            int n = stream.body().read(buf, 0, buf.length);
            assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("data: one\n\n");
            stream.firstEventArrived();
            firstRead.countDown();
            n = stream.body().read(buf, 0, buf.length);
            assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("data: two\n\n");
            assertThat(stream.body().read(buf, 0, buf.length)).isEqualTo(-1);
        }
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

    /** Reads one request off the connection; false when the client closed it instead. */
    private static boolean readRequest(Socket socket) throws IOException { return readWholeRequest(socket) != null; }

    /** One request's exact bytes (ISO-8859-1), head and body; null when the client closed the connection. */
    private static String readWholeRequest(Socket socket) throws IOException {
        java.io.InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n")) {
            if ((c = in.read()) < 0) return null;
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
