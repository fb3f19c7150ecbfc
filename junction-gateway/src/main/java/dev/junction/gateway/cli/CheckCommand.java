package dev.junction.gateway.cli;

import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction check --config F}: validates a config, printing every problem at once. */
@Command(name = "check", description = "Validate a config file and print every problem found.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "the junction.yaml to check")
    Path config;

    @Override public Integer call() {
        JunctionConfig c = ConfigLoader.load(config);
        System.out.printf("%s: ok (%d providers, %d routes; built-in catalog as of %s)%n", config,
                c.providers().size(), c.routes().routes().size(), c.catalog().asOf());
        return Main.OK;
    }
}
