package dev.junction.gateway.access;

import dev.junction.Junction;
import dev.junction.config.Secret;
import dev.junction.gateway.openai.OpenAiErrorWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Supplier;

/** In front of {@code /v1/junction/*}: when {@code auth.adminKey} is set, only its Bearer passes. */
public final class AdminGuard implements Handler {
    private final Supplier<Junction> junction;

    public AdminGuard(Supplier<Junction> junction) { this.junction = junction; }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Secret admin = junction.get().config().auth().adminKey();
        String auth = req.headers().contains(HeaderNames.AUTHORIZATION) ? req.headers().get(HeaderNames.AUTHORIZATION).get() : null;
        if (admin == null || Bearer.sameSecret(admin.reveal(), Bearer.token(auth))) {
            res.next();
            return;
        }
        res.status(401);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(OpenAiErrorWriter.body(401, Refusal.INVALID_API_KEY,
                "admin endpoints need the admin key: Authorization: Bearer <auth.adminKey>", null));
    }
}
