package dev.junction.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulator by hand: {@code java dev.junction.simulator.SimulatorMain [port]} (default 0,
 * an ephemeral port). Prints the base URLs and serves default replies until interrupted.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Simulator simulator = Simulator.start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.println("Junction provider simulator on 127.0.0.1:" + simulator.port());
        System.out.println("  openai     " + simulator.openAiBaseUrl() + "     (Authorization: Bearer <any key>)");
        System.out.println("  anthropic  " + simulator.anthropicBaseUrl() + "     (x-api-key: <any key>, anthropic-version: 2023-06-01)");
        System.out.println("  gemini     " + simulator.geminiBaseUrl() + "        (x-goog-api-key: <any key>)");
        System.out.println("The key 'bad-key' is rejected as the provider would. Ctrl-C stops.");
        System.out.flush();
        stopped.await();
    }
}
