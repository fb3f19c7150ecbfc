package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who serves Chat Completions and what that changes about OpenAI's wire format: the URL shape, how
 * the key travels, the response headers, a few error bodies and any chunk a stream starts with.
 * Bodies, answers and framing are shared by {@link OpenAiPersona}, so a host only states its
 * differences (reference/providers.md §4): OpenAI itself, or Azure OpenAI.
 */
sealed interface OpenAiHost permits OpenAiPlatform, AzureOpenAi {

    /** The persona's name, recorded on each request: {@code openai} or {@code azure-openai}. */
    String name();

    /** The path prefix the simulator routes to this host. */
    String prefix();

    /** Reads the URL and the credentials of a request under {@link #prefix()}. */
    Route route(HttpRequest request, long seq);

    /** Headers of every reply, in wire order; a fresh mutable map the caller may add to. */
    Map<String, String> headers(String contentType, long seq);

    /** Headers of the status reply for {@code kind}: wait hints on a rate limit. */
    Map<String, String> errorHeaders(Fault.ErrorKind kind, long seq);

    /** The whole error body ({@code {"error":{…}}}) for {@code kind}, as a status reply or an in-stream event. */
    ObjectNode errorBody(Fault.ErrorKind kind, RequestFacts facts);

    /** Events sent before the first chunk of every 200 stream (they count as events for the faults). */
    List<byte[]> streamPrelude(RequestFacts facts);

    /** Where a request goes once its URL and key were read. */
    sealed interface Route {

        /** Refused before reading the body: an unknown URL or a missing or bad key. */
        record Refused(Reply reply) implements Route {}

        /**
         * A chat completion.
         *
         * @param deployment the model named by the path (Azure's deployment), or {@code null} when
         *     the body's {@code model} names it
         */
        record Chat(String deployment) implements Route {}

        /** {@code GET /models}: the ids to list. */
        record Models(Collection<String> ids) implements Route {}
    }
}
