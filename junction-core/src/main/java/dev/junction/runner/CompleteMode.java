package dev.junction.runner;

import dev.junction.GenerateResult;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.model.ChatResult;
import dev.junction.model.FinishReason;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.usage.CostCalculator;

/** A non-streaming call: success is the complete answer. */
final class CompleteMode implements AttemptMode<ChatResult, GenerateResult> {
    static final CompleteMode INSTANCE = new CompleteMode();

    @Override public ChatResult call(ProviderAdapter adapter, ProviderCall call) { return adapter.complete(call); }

    @Override public Failure refusal(ChatResult result) {
        if (result.finishReason() != FinishReason.CONTENT_FILTER) return null;
        return new Failure(ErrorClass.CONTENT_REFUSED, 200, null, "content_filter", "the model refused the request");
    }

    @Override public dev.junction.model.Usage discard(ChatResult result) { return result.usage(); }

    @Override public GenerateResult succeed(ChatResult result, Attempted a, RunLog log, Deadline deadline) {
        long latency = (System.nanoTime() - a.startedNanos()) / 1_000_000;
        Double cost = CostCalculator.cost(a.candidate().info().prices(), result.usage());
        log.succeeded(a.ordinal(), a.candidate().model(), 200, latency, null, result.usage(), cost);
        return log.result(result, a.candidate().model(), deadline);
    }
}
