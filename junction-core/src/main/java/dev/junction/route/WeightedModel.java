package dev.junction.route;

/** One entry of a weighted primary: {@code weight} out of the sum of all weights. */
public record WeightedModel(ModelId model, int weight) {}
