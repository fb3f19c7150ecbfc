package dev.junction.gateway.demo;

import java.util.List;

/** One request the demo sends through the gateway, and what it is meant to show. */
record DemoCall(String model, String customer, String prompt, boolean stream, String shows) {

    /** The demo's requests, in order; each exercises one behaviour of the fallback policy. */
    static List<DemoCall> all() {
        return List.of(
                new DemoCall("support_chat", "acme", "My invoice shows the wrong amount, can you help?", false,
                        "Anthropic primary rate-limited (429) -> the OpenAI fallback serves"),
                new DemoCall("data_extraction", "acme", "Extract the invoice number from: INV-2041, due 2026-12-01", false,
                        "primary overloaded once -> fallback serves"),
                new DemoCall("data_extraction", "globex", "Extract the due date from: INV-2042, due 2026-12-15", false,
                        "primary healthy again -> no fallback"),
                new DemoCall("document_summary", "globex", "Summarise: the quarterly report shows steady growth.", false,
                        "primary's key revoked (401) -> provider skipped, other provider serves"),
                new DemoCall("title_generation", "initech", "Write a title for a post about model routing", false,
                        "primary too slow for maxLatencyMs -> timeout -> fallback serves"),
                new DemoCall("long_context_analysis", "initech", "Analyse this contract for renewal terms.", false,
                        "served natively by Gemini (generateContent)"),
                new DemoCall("support_chat", "acme", "Stream me a short answer about refunds.", true,
                        "streamed: the rate-limited primary is cooling down (skipped, no call) -> fallback streams"),
                new DemoCall("strict_extraction", "acme", "Extract the total from: INV-2043, total 99 EUR", false,
                        "allowFallback: false -> the outage (503 overloaded) is returned to the caller"),
                new DemoCall("openai/gpt-4o", "acme", "Say hello", false,
                        "the provider rejects the request (400) -> never retried elsewhere"),
                new DemoCall("no_such_task", "acme", "Hello?", false, "unknown task -> 404"));
    }
}
