package dev.junction.gateway.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.junction.Junction;
import dev.junction.catalog.Capability;
import dev.junction.catalog.ModelInfo;
import dev.junction.config.JunctionConfig;
import dev.junction.route.ModelId;
import dev.junction.route.Route;
import dev.junction.route.WeightedModel;
import dev.junction.gateway.access.KeyAuthenticator;
import dev.junction.gateway.access.RequestGate;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code GET /v1/models}: OpenAI's list shape holding every route name and every model a configured
 * provider serves. Extra fields (ignored by SDKs) say what each is: a route's models, a model's window,
 * output limit, capabilities and prices, so callers can see what each model can do.
 */
public final class ModelsHandler implements Handler {
    private final Supplier<Junction> junction;
    private final RequestGate gate;

    public ModelsHandler(Supplier<Junction> junction, RequestGate gate) {
        this.junction = junction;
        this.gate = gate;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        JunctionConfig config = junction.get().config();
        KeyAuthenticator.Result caller = gate.authenticate(config.auth(), CallerContext.header(req.headers(), HeaderNames.AUTHORIZATION));
        if (caller.refusal() != null) {
            ChatCompletionsHandler.refuse(res, caller.refusal());
            return;
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body(config));
    }

    static byte[] body(JunctionConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = OpenAiErrorWriter.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (Route r : config.routes().routes().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
                writeRoute(g, r);
            }
            for (ModelId id : servedModels(config)) writeModel(g, config.catalog().lookup(id));
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Catalog models of configured providers plus every model a route names. */
    static Set<ModelId> servedModels(JunctionConfig config) {
        Set<ModelId> ids = new TreeSet<>();
        for (ModelId id : config.catalog().all().keySet()) {
            if (config.providers().containsKey(id.provider())) ids.add(id);
        }
        for (Route r : config.routes().routes().values()) {
            for (WeightedModel w : r.primary()) ids.add(w.model());
            ids.addAll(r.fallback());
        }
        return ids;
    }

    private static void writeRoute(JsonGenerator g, Route r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.name());
        g.writeStringField("object", "model");
        g.writeNumberField("created", 0);
        g.writeStringField("owned_by", "junction");
        g.writeStringField("junction_kind", "route");
        g.writeArrayFieldStart("junction_models");
        for (WeightedModel w : r.primary()) g.writeString(w.model().toString());
        for (ModelId f : r.fallback()) g.writeString(f.toString());
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeModel(JsonGenerator g, ModelInfo m) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", m.id().toString());
        g.writeStringField("object", "model");
        g.writeNumberField("created", 0);
        g.writeStringField("owned_by", m.id().provider());
        g.writeStringField("junction_kind", "model");
        if (m.contextWindow() != null) g.writeNumberField("context_window", m.contextWindow());
        if (m.maxOutputTokens() != null) g.writeNumberField("max_output_tokens", m.maxOutputTokens());
        if (m.capabilities() != null) {
            g.writeArrayFieldStart("capabilities");
            for (Capability c : m.capabilities().stream().sorted().toList()) g.writeString(c.wireName());
            g.writeEndArray();
        }
        if (m.prices() != null) {
            g.writeObjectFieldStart("pricing_usd_per_mtok");
            g.writeNumberField("input", m.prices().inputPerMTok());
            g.writeNumberField("output", m.prices().outputPerMTok());
            if (m.prices().cachedInputPerMTok() != null) g.writeNumberField("cached_input", m.prices().cachedInputPerMTok());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
