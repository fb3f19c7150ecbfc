package dev.junction.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code junction serve --config F --port 0} in a child JVM on the test class path, for tests that need a
 * real process: signals (SIGTERM, SIGKILL) and several replicas.
 */
record ChildGateway(Process process, int port) {
    private static final Pattern LISTENING = Pattern.compile("Junction listening on http://([^:]+):(\\d+)/v1");

    /** Starts it and waits until it listens; its stderr goes to {@code log}. */
    static ChildGateway start(Path config, Path log, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.junction.gateway.cli.Main", "serve", "--config", config.toString(), "--port", "0", "--no-watch")
                .redirectError(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            int port = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) return Integer.parseInt(m.group(2));
                    }
                    throw new IllegalStateException("the gateway exited before listening; see " + log);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            return new ChildGateway(p, port);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }
}
