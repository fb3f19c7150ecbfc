package dev.junction.config;

import java.util.Map;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in config strings from the environment. A variable
 * that is unset and has no default is a config error (reported with the field's path by the caller).
 */
final class EnvSubstitution {
    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) { this.env = env; }

    /** The substituted text; throws IllegalArgumentException naming the missing variable. */
    String apply(String text) {
        int start = text.indexOf("${");
        if (start < 0) return text;
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (start >= 0) {
            int end = text.indexOf('}', start);
            if (end < 0) throw new IllegalArgumentException("unclosed '${' in value");
            out.append(text, pos, start);
            String expr = text.substring(start + 2, end);
            int dflt = expr.indexOf(":-");
            String name = dflt >= 0 ? expr.substring(0, dflt) : expr;
            if (name.isEmpty()) throw new IllegalArgumentException("empty variable name in '${}'");
            String value = env.get(name);
            if (value == null || (dflt >= 0 && value.isEmpty())) {
                if (dflt < 0) {
                    throw new IllegalArgumentException("environment variable " + name
                            + " is not set (write ${" + name + ":-} to make it optional)");
                }
                value = expr.substring(dflt + 2);
            }
            out.append(value);
            pos = end + 1;
            start = text.indexOf("${", pos);
        }
        return out.append(text, pos, text.length()).toString();
    }
}
