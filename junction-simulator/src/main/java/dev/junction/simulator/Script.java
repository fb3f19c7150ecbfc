package dev.junction.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scripted steps per model name. A request takes the next queued step for its model; when the
 * queue is empty it gets the model's "always" step, else the default reply. Thread-safe: tests
 * script from their own thread while connection threads consume.
 */
final class Script {

    private final Map<String, Deque<Step>> queued = new HashMap<>();
    private final Map<String, Step> always = new HashMap<>();

    synchronized void enqueue(String model, Step... steps) {
        Deque<Step> queue = queued.computeIfAbsent(model, m -> new ArrayDeque<>());
        for (Step step : steps) queue.add(java.util.Objects.requireNonNull(step, "step"));
    }

    synchronized void always(String model, Step step) {
        always.put(model, java.util.Objects.requireNonNull(step, "step"));
    }

    synchronized Step next(String model) {
        Deque<Step> queue = queued.get(model);
        if (queue != null && !queue.isEmpty()) return queue.poll();
        return always.getOrDefault(model, Step.ok());
    }

    synchronized Set<String> models() {
        Set<String> models = new LinkedHashSet<>(queued.keySet());
        models.addAll(always.keySet());
        return models;
    }

    synchronized void clear() {
        queued.clear();
        always.clear();
    }
}
