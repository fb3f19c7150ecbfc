package dev.junction.runner;

import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Folds stream events into a complete answer: text and reasoning joined, tool call fragments assembled by index. */
public final class StreamCollector {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final TreeMap<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, arguments}
    private FinishReason finish = FinishReason.STOP;
    private Usage usage = Usage.ZERO;
    private String responseId;
    private String upstreamModel;

    public void accept(StreamEvent e) {
        switch (e) {
            case StreamEvent.Started s -> {
                responseId = s.responseId();
                upstreamModel = s.upstreamModel();
            }
            case StreamEvent.TextDelta t -> text.append(t.text());
            case StreamEvent.ReasoningDelta r -> reasoning.append(r.text());
            case StreamEvent.ToolCallDelta c -> {
                String[] call = calls.computeIfAbsent(c.index(), i -> new String[] {null, null, ""});
                if (c.id() != null) call[0] = c.id();
                if (c.name() != null) call[1] = c.name();
                if (c.argumentsFragment() != null) call[2] += c.argumentsFragment();
            }
            case StreamEvent.UsageReported u -> usage = u.usage();
            case StreamEvent.Finished f -> finish = f.reason();
        }
    }

    public ChatResult result() {
        List<ContentPart> parts = new ArrayList<>();
        if (!reasoning.isEmpty()) parts.add(new ContentPart.Reasoning(reasoning.toString()));
        if (!text.isEmpty() || calls.isEmpty()) parts.add(new ContentPart.Text(text.toString()));
        for (var e : calls.entrySet()) {
            String[] c = e.getValue();
            parts.add(new ContentPart.ToolCall(c[0] == null ? "call_" + e.getKey() : c[0], c[1] == null ? "" : c[1], c[2]));
        }
        return new ChatResult(new Message.AssistantMessage(parts), finish, usage, responseId, upstreamModel);
    }
}
