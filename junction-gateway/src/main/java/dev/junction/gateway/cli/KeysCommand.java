package dev.junction.gateway.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.junction.config.ConfigLoader;
import dev.junction.config.LimitSpec;
import dev.junction.ledger.keys.GatewayKey;
import dev.junction.ledger.keys.GatewayKeyStore;
import dev.junction.ledger.store.JdbcUsageStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code junction keys create|list|revoke --config F}: gateway keys in the usage store's database. The key
 * is printed once, by {@code create}, alone on stdout ({@code KEY=$(junction keys create ...)}); everything
 * else goes to stderr. Only the key's SHA-256 is stored.
 */
@Command(name = "keys", description = "Create, list and revoke gateway keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getErr()); }

    static <T> T withStore(Path config, Function<GatewayKeyStore, T> use) {
        try (JdbcUsageStore store = JdbcUsageStore.open(ConfigLoader.load(config).usage().store())) {
            return use.apply(store.keys());
        }
    }

    @Command(name = "create", description = "Create a key; prints it (once) on stdout.")
    static final class Create implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--config", required = true) Path config;
        @Option(names = "--name", required = true, description = "a name for the key, e.g. svc-billing") String name;
        @Option(names = "--rpm", description = "requests per minute") Integer rpm;
        @Option(names = "--tpm", description = "tokens (input + output) per minute") Long tpm;
        @Option(names = "--budget-usd-day", description = "spend per UTC day, in USD") Double budgetDay;
        @Option(names = "--budget-usd-month", description = "spend per UTC month, in USD") Double budgetMonth;
        @Option(names = "--tasks", split = ",", description = "the only tasks the key may use (default: every task)") List<String> tasks;
        @Option(names = "--expires", description = "an ISO instant (2026-12-31T18:00:00Z), or a date: valid through that UTC day")
        String expires;

        @Override public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (rpm != null && rpm < 1 || tpm != null && tpm < 1 || budgetDay != null && budgetDay < 0 || budgetMonth != null && budgetMonth < 0) {
                err.println("junction keys create: limits must be positive");
                return Main.USAGE;
            }
            Instant expiresAt;
            try {
                expiresAt = expiry(expires);
            } catch (DateTimeParseException e) {
                err.println("junction keys create: --expires: not an ISO instant or date: '" + expires + "'");
                return Main.USAGE;
            }
            Set<String> taskSet = tasks == null ? Set.of() : new LinkedHashSet<>(tasks.stream().map(String::trim).filter(t -> !t.isEmpty()).toList());
            var created = withStore(config, keys -> keys.create(new GatewayKeyStore.NewKey(name,
                    new LimitSpec(rpm, tpm, budgetDay, budgetMonth), taskSet, expiresAt), Instant.now()));
            spec.commandLine().getOut().println(created.key());
            spec.commandLine().getOut().flush();
            err.println("created gateway key '" + name + "' (id " + created.stored().id() + ")" + describe(created.stored())
                    + "; it is shown only this once");
            return Main.OK;
        }

        static Instant expiry(String text) {
            if (text == null) return null;
            if (text.length() == 10) return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            return Instant.parse(text);
        }
    }

    @Command(name = "list", description = "List keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--config", required = true) Path config;
        @Option(names = "--json", description = "a JSON array instead of a table") boolean json;

        @Override public Integer call() throws IOException {
            List<GatewayKey> all = withStore(config, GatewayKeyStore::list);
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            if (json) {
                out.println(json(all, now));
            } else {
                out.printf("%-16s %-24s %-8s %s%n", "ID", "NAME", "STATE", "LIMITS");
                for (GatewayKey k : all) out.printf("%-16s %-24s %-8s %s%n", k.id(), k.name(), state(k, now), describe(k).strip());
            }
            out.flush();
            return Main.OK;
        }

        private static String json(List<GatewayKey> keys, Instant now) throws IOException {
            var w = new java.io.StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
                g.writeStartArray();
                for (GatewayKey k : keys) {
                    g.writeStartObject();
                    g.writeStringField("id", k.id());
                    g.writeStringField("name", k.name());
                    g.writeStringField("state", state(k, now));
                    g.writeStringField("createdAt", k.createdAt().toString());
                    g.writeStringField("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString());
                    g.writeStringField("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
                    LimitSpec l = k.limits();
                    if (l.rpm() != null) g.writeNumberField("rpm", l.rpm());
                    if (l.tpm() != null) g.writeNumberField("tpm", l.tpm());
                    if (l.budgetUsdPerDay() != null) g.writeNumberField("budgetUsdPerDay", l.budgetUsdPerDay());
                    if (l.budgetUsdPerMonth() != null) g.writeNumberField("budgetUsdPerMonth", l.budgetUsdPerMonth());
                    g.writeArrayFieldStart("tasks");
                    for (String t : k.tasks().stream().sorted().toList()) g.writeString(t);
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            return w.toString();
        }
    }

    @Command(name = "revoke", description = "Revoke the live key of that name.")
    static final class Revoke implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--config", required = true) Path config;
        @Parameters(index = "0", description = "the key's name") String name;

        @Override public Integer call() {
            boolean revoked = withStore(config, keys -> keys.revoke(name, Instant.now()));
            PrintWriter err = spec.commandLine().getErr();
            if (!revoked) {
                err.println("junction keys revoke: no live key named '" + name + "'");
                return Main.FAILED;
            }
            err.println("revoked gateway key '" + name + "' (every replica refuses it within a second)");
            return Main.OK;
        }
    }

    static String state(GatewayKey k, Instant now) {
        if (k.revokedAt() != null) return "revoked";
        return k.usableAt(now) ? "live" : "expired";
    }

    static String describe(GatewayKey k) {
        StringBuilder b = new StringBuilder();
        LimitSpec l = k.limits();
        if (l.rpm() != null) b.append(" rpm=").append(l.rpm());
        if (l.tpm() != null) b.append(" tpm=").append(l.tpm());
        if (l.budgetUsdPerDay() != null) b.append(String.format(Locale.ROOT, " budget/day=$%.2f", l.budgetUsdPerDay()));
        if (l.budgetUsdPerMonth() != null) b.append(String.format(Locale.ROOT, " budget/month=$%.2f", l.budgetUsdPerMonth()));
        if (!k.tasks().isEmpty()) b.append(" tasks=").append(String.join(",", k.tasks().stream().sorted().toList()));
        if (k.expiresAt() != null) b.append(" expires=").append(k.expiresAt());
        return b.toString();
    }
}
