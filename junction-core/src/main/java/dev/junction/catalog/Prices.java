package dev.junction.catalog;

/**
 * USD per million tokens. {@code cachedInputPerMTok} is the price of cache reads, or null when the
 * provider bills them as ordinary input.
 */
public record Prices(double inputPerMTok, double outputPerMTok, Double cachedInputPerMTok) {}
