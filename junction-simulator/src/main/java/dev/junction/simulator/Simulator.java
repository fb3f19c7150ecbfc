package dev.junction.simulator;

import dev.junction.simulator.http.HttpConnection;
import dev.junction.simulator.http.HttpRequest;
import dev.junction.simulator.http.HttpServer;
import dev.junction.simulator.persona.AnthropicPersona;
import dev.junction.simulator.persona.GeminiPersona;
import dev.junction.simulator.persona.Incoming;
import dev.junction.simulator.persona.OpenAiPersona;
import dev.junction.simulator.persona.Persona;
import dev.junction.simulator.persona.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting simulator of the OpenAI, Azure OpenAI, Anthropic and Gemini APIs on one loopback
 * port, for adapter contract tests, gateway tests and the demo.
 *
 * <p>Each provider lives under its own prefix ({@link #openAiBaseUrl()}, {@link #azureBaseUrl()},
 * {@link #anthropicBaseUrl()}, {@link #geminiBaseUrl()}) and speaks its wire format as
 * reference/providers.md describes it. What a request gets is chosen by its model name (for Azure,
 * the deployment named in the path): the next {@link #script scripted} step for that
 * model, else its {@link #scriptAlways always} step, else the default reply (an echo of the last
 * user message, with estimated usage). Before any script, every persona checks that its auth
 * header is present (and answers its native 401-style error if not, or if the key is exactly
 * {@code bad-key}) and that the body has the fields the provider requires.
 *
 * <p>Every request is recorded, in arrival order, with how its response went ({@link SeenRequest}).
 * Connections are served on virtual threads; scripting and reading are safe from any thread.
 */
public final class Simulator implements AutoCloseable {

    /** Models {@code GET /v1/models} lists besides the scripted and requested ones. */
    private static final List<String> LISTED_MODELS = List.of("gpt-4.1-mini", "gpt-4o-mini");

    private final Script script = new Script();
    private final List<SeenRequest> seen = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final List<Persona> personas;
    private final HttpServer server;

    private Simulator(int port) {
        this.personas = List.of(new OpenAiPersona(this::knownModels), OpenAiPersona.azure(), new AnthropicPersona(),
                new GeminiPersona());
        this.server = HttpServer.start(port, this::handle);
    }

    /** Starts on 127.0.0.1 on an ephemeral port. */
    public static Simulator start() {
        return new Simulator(0);
    }

    /** Starts on 127.0.0.1:{@code port}. */
    public static Simulator start(int port) {
        return new Simulator(port);
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT/openai/v1}: POST {@code {base}/chat/completions}, GET {@code {base}/models}. */
    public String openAiBaseUrl() {
        return root() + "/openai/v1";
    }

    /**
     * {@code http://127.0.0.1:PORT/azure}: Azure OpenAI's classic URL, POST
     * {@code {base}/openai/deployments/{deployment}/chat/completions?api-version=…} with an {@code api-key} header.
     */
    public String azureBaseUrl() {
        return root() + "/azure";
    }

    /** {@code http://127.0.0.1:PORT/anthropic}: POST {@code {base}/v1/messages}. */
    public String anthropicBaseUrl() {
        return root() + "/anthropic";
    }

    /** {@code http://127.0.0.1:PORT/gemini}: POST {@code {base}/v1beta/models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}. */
    public String geminiBaseUrl() {
        return root() + "/gemini";
    }

    /** The next requests naming {@code model} (any persona) take these steps in order, then the usual behaviour resumes. */
    public void script(String model, Step... steps) {
        script.enqueue(model, steps);
    }

    /** Every request naming {@code model} gets {@code step} once its queued steps are used up. */
    public void scriptAlways(String model, Step step) {
        script.always(model, step);
    }

    /** Every request received so far, in arrival order. */
    public List<SeenRequest> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The requests that named {@code model}, in arrival order. */
    public List<SeenRequest> requestsFor(String model) {
        return requests().stream().filter(r -> model.equals(r.model())).toList();
    }

    /** Forgets all scripts and recorded requests. */
    public void reset() {
        script.clear();
        synchronized (seen) {
            seen.clear();
        }
    }

    /** Stops listening and closes every open connection, ending stalled responses. */
    @Override
    public void close() {
        server.close();
    }

    private String root() {
        return "http://127.0.0.1:" + port();
    }

    private Collection<String> knownModels() {
        Set<String> models = new LinkedHashSet<>(LISTED_MODELS);
        models.addAll(script.models());
        for (SeenRequest request : requests()) {
            if (request.model() != null && request.persona().equals("openai")) models.add(request.model());
        }
        return models;
    }

    private boolean handle(HttpRequest request, HttpConnection connection) throws IOException, InterruptedException {
        Persona persona = personaFor(request.path());
        if (persona == null) {
            connection.sendFull(404, Map.of("content-type", "text/plain; charset=utf-8"),
                    ("No simulated provider at " + request.path() + "; use /openai/v1, /azure, /anthropic or /gemini.\n")
                            .getBytes(StandardCharsets.UTF_8));
            return true;
        }
        long n = seq.incrementAndGet();
        Incoming incoming;
        try {
            incoming = persona.accept(request, n);
        } catch (RuntimeException bug) {
            return failed(connection, bug);
        }
        ReplyProgress progress = new ReplyProgress();
        synchronized (seen) {
            seen.add(new SeenRequest(persona.name(), request.method(), request.target(), request.headers(),
                    request.body(), incoming.model(), incoming.stream(), progress));
        }
        StepPlayer player = new StepPlayer(connection, progress, server::closing);
        try {
            return switch (incoming) {
                case Incoming.Answered answered -> player.send(answered.reply());
                case Incoming.Generate generate -> player.play(script.next(generate.model()), persona, generate.facts());
            };
        } catch (RuntimeException bug) {
            return failed(connection, bug);
        }
    }

    private Persona personaFor(String path) {
        for (Persona persona : personas) {
            if (path.startsWith(persona.prefix() + "/")) return persona;
        }
        return null;
    }

    /** A simulator bug must fail the test loudly, not look like a provider fault: a plain-text 500 naming it. */
    private static boolean failed(HttpConnection connection, RuntimeException bug) throws IOException {
        bug.printStackTrace();
        Reply.Whole reply = new Reply.Whole(500, Map.of("content-type", "text/plain; charset=utf-8"),
                ("junction simulator bug: " + bug + "\n").getBytes(StandardCharsets.UTF_8));
        connection.sendFull(reply.status(), reply.headers(), reply.body());
        return false;
    }
}
