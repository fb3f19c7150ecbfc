package dev.junction.gateway.admin;

import dev.junction.Junction;
import dev.junction.error.JunctionException;
import dev.junction.gateway.openai.OpenAiErrorWriter;
import dev.junction.providers.openai.OpenAiRequestMapper;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Supplier;

/**
 * {@code POST /v1/junction/explain}: the same body as a chat request; answers with the candidates it
 * would go through and why, without calling any provider.
 */
public final class ExplainHandler implements Handler {
    private final Supplier<Junction> junction;

    public ExplainHandler(Supplier<Junction> junction) { this.junction = junction; }

    @Override public void handle(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        try {
            var parsed = OpenAiRequestMapper.parse(req.content().as(byte[].class));
            res.send(AdminJson.explanation(junction.get().explain(parsed.model(), parsed.request(), parsed.request().user(), null)));
        } catch (JunctionException e) {
            res.status(e.httpStatus());
            String param = e instanceof JunctionException.InvalidRequest ir ? ir.param() : null;
            res.send(OpenAiErrorWriter.body(e.httpStatus(), e.code(), e.getMessage(), param));
        }
    }
}
