package dev.junction.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./junction}: the gateway's command line. Exit codes: 0 ok, 1 runtime failure, 2 usage or config error. */
@Command(name = "junction", mixinStandardHelpOptions = true, version = "Junction 0.1.0",
        description = "Model routing and fallback for LLM calls: an OpenAI-compatible gateway.",
        subcommands = {DemoCommand.class, ServeCommand.class, CheckCommand.class, ExplainCommand.class, ReportCommand.class,
                KeysCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Override public void run() { new CommandLine(this).usage(System.out); }

    /** Helidon logs through java.util.logging; its start/stop chatter is not for operators. Held so it is not collected. */
    private static final java.util.logging.Logger HELIDON_LOG = java.util.logging.Logger.getLogger("io.helidon");

    public static void main(String[] args) {
        HELIDON_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(new CommandLine(new Main()), args);
    }

    /** Runs a command with its output and errors going to the given writers (tests, embedding). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        return execute(cl, args);
    }

    private static int execute(CommandLine cl, String... args) {
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof dev.junction.config.ConfigException ce) {
                ce.problems().forEach(p -> cmd.getErr().println(p));
                return USAGE;
            }
            cmd.getErr().println("junction: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", e);
            return FAILED;
        });
        cl.setExitCodeExceptionMapper(e -> USAGE);
        return cl.execute(args);
    }
}
