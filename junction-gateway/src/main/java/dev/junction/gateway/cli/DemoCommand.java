package dev.junction.gateway.cli;

import dev.junction.Junction;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.demo.DemoEnvironment;
import dev.junction.gateway.demo.DemoRun;
import dev.junction.gateway.server.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code junction demo}: runs Junction on embedded defaults (simulated providers, a SQLite ledger in a
 * temp directory), sends a handful of requests through the gateway, prints what happened, exits 0.
 */
@Command(name = "demo", description = "Run Junction on simulated providers, send requests, print what happened.")
final class DemoCommand implements Callable<Integer> {
    @Override public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("junction-demo");
        String store = "jdbc:sqlite:" + dir.resolve("junction-demo.db");
        try (DemoEnvironment env = DemoEnvironment.start(store, dir.resolve("journal").toString())) {
            JunctionConfig config = env.config().withServer(env.config().server().withPort(0));
            System.out.println("Junction demo: providers are the built-in simulator at " + env.simulator().openAiBaseUrl());
            System.out.println("Usage ledger: " + store);
            Junction junction = Junction.builder(config).build();
            GatewayServer server = GatewayServer.start(junction, config.server());
            DemoRun run;
            try {
                run = DemoRun.send("http://127.0.0.1:" + server.port());
            } finally {
                server.close();
                junction.close(); // flushes the ledger
            }
            run.print(System.out, store);
        }
        return Main.OK;
    }
}
