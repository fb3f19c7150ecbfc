package dev.junction.gateway.cli;

import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.demo.DemoEnvironment;
import dev.junction.gateway.server.GatewayServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction serve [--config F] [--port N]}: serves until SIGTERM or SIGINT, then stops accepting,
 * lets in-flight requests finish, flushes the usage ledger and exits 0. Without a config it serves
 * the demo's defaults (simulated providers, ./junction.db).
 */
@Command(name = "serve", description = "Serve the OpenAI-compatible gateway until stopped.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", description = "junction.yaml; without it, the demo's simulated providers")
    Path config;

    @Option(names = "--port", description = "listen port (overrides server.port; 0 picks a free one)")
    Integer port;

    @Override public Integer call() throws InterruptedException {
        DemoEnvironment demo = null;
        JunctionConfig c;
        if (config != null) {
            c = ConfigLoader.load(config);
        } else {
            demo = DemoEnvironment.start("jdbc:sqlite:./junction.db", "./junction-journal");
            c = demo.config();
            System.err.println("No --config: serving the demo routes on simulated providers (ledger ./junction.db)");
        }
        if (port != null) c = c.withServer(c.server().withPort(port));
        Junction junction = Junction.builder(c).build();
        GatewayServer server = GatewayServer.start(junction, c.server());
        System.out.println("Junction listening on http://" + c.server().host() + ":" + server.port() + "/v1");
        CountDownLatch stop = new CountDownLatch(1);
        // Handle the signals ourselves so the shutdown runs on this thread and the process exits 0.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> stop.countDown());
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> stop.countDown());
        stop.await();
        System.err.println("Stopping: finishing in-flight requests and flushing the usage ledger");
        server.close();
        junction.close();
        if (demo != null) demo.close();
        return Main.OK;
    }
}
