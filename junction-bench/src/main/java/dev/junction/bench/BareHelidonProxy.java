package dev.junction.bench;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.net.URI;

/**
 * The floor Junction is measured against: Helidon's server and client on the same settings as the
 * gateway (virtual threads, TCP_NODELAY, keep-alive pool), forwarding the request body unchanged to one
 * upstream and its answer back, with nothing in between. {@code bench/run --bare} puts it beside Junction.
 *
 * <p>Usage: {@code java -cp ... dev.junction.bench.BareHelidonProxy PORT UPSTREAM_URL}
 */
public final class BareHelidonProxy {
    private BareHelidonProxy() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        URI upstream = URI.create(args[1]);
        WebClient client = WebClient.builder()
                .servicesDiscoverServices(false)
                .connectionCacheSize(256)
                .shareConnectionCache(false)
                .followRedirects(false)
                .keepAlive(true)
                .socketOptions(o -> o.tcpNoDelay(true))
                .build();
        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r.post("/v1/chat/completions", (req, res) -> {
                    byte[] body = req.content().as(byte[].class);
                    try (HttpClientResponse up = client.post().uri(upstream)
                            .header(HeaderValues.CONTENT_TYPE_JSON).submit(body)) {
                        byte[] answer = up.inputStream().readAllBytes();
                        res.status(up.status().code());
                        res.header(HeaderNames.CONTENT_TYPE, "application/json");
                        res.send(answer);
                    } catch (java.io.IOException e) {
                        res.status(502).send();
                    }
                }))
                .build()
                .start();
    }
}
