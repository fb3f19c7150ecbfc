package dev.junction.gateway.cli;

import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.demo.DemoEnvironment;
import dev.junction.gateway.server.Gateway;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction serve [--config F] [--port N]}: serves until SIGTERM or SIGINT, then stops accepting,
 * lets in-flight requests finish, flushes the usage ledger and exits 0. With a config file, edits to it
 * (or {@code POST /v1/junction/reload}) swap the routes in without a restart. Without a config it serves
 * the demo's defaults (simulated providers, ./junction.db).
 */
@Command(name = "serve", description = "Serve the OpenAI-compatible gateway until stopped.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", description = "junction.yaml; without it, the demo's simulated providers")
    Path config;

    @Option(names = "--port", description = "listen port (overrides server.port; 0 picks a free one)")
    Integer port;

    @Option(names = "--no-watch", description = "do not reload when the config file changes (POST /v1/junction/reload still works)")
    boolean noWatch;

    @Override public Integer call() throws Exception {
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
        Gateway gateway = Gateway.builder(c).configFile(config).watchConfig(!noWatch).start();
        System.out.println("Junction listening on http://" + c.server().host() + ":" + gateway.port() + "/v1");
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        // Handle the signals ourselves so the shutdown runs on this thread and the process exits 0.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> stop.countDown());
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> stop.countDown());
        stop.await();
        System.err.println("Stopping: finishing in-flight requests and flushing the usage ledger");
        gateway.close();
        if (demo != null) demo.close();
        return Main.OK;
    }
}
