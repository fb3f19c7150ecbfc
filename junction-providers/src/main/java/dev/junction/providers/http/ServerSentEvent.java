package dev.junction.providers.http;

/**
 * One dispatched server-sent event.
 *
 * @param event the {@code event:} field, or null when the block had none
 * @param data  the {@code data:} lines joined with {@code \n}
 */
public record ServerSentEvent(String event, String data) {}
