package dev.revive.actuator.config;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The actuator's own secret values, so that output it publishes can be searched for them: the configured secret
 * properties (signing keys, database and Kafka passwords ...) and every variable of its environment whose name
 * says secret ({@code *SECRET*}, {@code *PASSWORD*}, {@code *TOKEN*}, {@code *KEY*}, {@code *CREDENTIAL*}).
 */
public final class Secrets {

    public static final String REDACTED = "[redacted]";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL|JAAS).*");
    /** Shorter values would redact ordinary words ("revive", "true"). */
    private static final int MIN_LENGTH = 8;

    private final List<String> values;

    public Secrets(Set<String> values) {
        this.values = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * From configuration: each named property's value, also split at {@code ,} and {@code :} (a signing key list
     * {@code id:secret,id:base64:secret} gives each secret), and the secret-looking variables of the environment.
     */
    public static Secrets from(List<String> propertyNames, Function<String, Optional<String>> property, Map<String, String> env) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : propertyNames) {
            property.apply(name).ifPresent(v -> addWithParts(out, v));
        }
        env.forEach((k, v) -> {
            if (SECRET_NAME.matcher(k).matches()) {
                addWithParts(out, v);
            }
        });
        return new Secrets(out);
    }

    private static void addWithParts(Set<String> out, String v) {
        out.add(v);
        for (String item : v.split(",")) {
            out.add(item.trim());
            int colon = item.indexOf(':');
            if (colon >= 0) {
                out.add(item.substring(colon + 1).trim());
                out.add(item.substring(item.lastIndexOf(':') + 1).trim());
            }
        }
    }

    /** The text with every secret value replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, REDACTED);
            }
        }
        return out;
    }

    /** How many values are known (for the start-up log; never the values). */
    public int size() {
        return values.size();
    }

    public static Secrets none() {
        return new Secrets(Set.of());
    }
}
