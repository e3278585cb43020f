package dev.revive.deploy.manifests;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service's application.properties says about its environment: the env vars it reads ({@code ${VAR}} and
 * {@code ${VAR:default}}), the ones it needs (no default), its HTTP port, whether it has a database. Everything the
 * manifests are checked against comes from here, so the checks follow the services' config as it changes.
 */
final class ServiceProperties {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}${]+)(:?)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern WHOLE_EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    final String service;
    /** Keys that apply outside dev and test (no profile, or a profile list with prod), profile prefix removed. */
    private final Properties runtime = new Properties();
    private final Set<String> referencedEnv = new TreeSet<>();
    private final Set<String> requiredEnv = new TreeSet<>();

    private ServiceProperties(String service, Properties all) {
        this.service = service;
        for (String key : all.stringPropertyNames()) {
            String value = all.getProperty(key);
            Optional<String> plainKey = runtimeKey(key);
            Matcher m = EXPRESSION.matcher(value);
            while (m.find()) {
                String name = m.group(1);
                if (ENV_NAME.matcher(name).matches()) {
                    referencedEnv.add(name);
                    if (plainKey.isPresent() && m.group(2).isEmpty()) {
                        requiredEnv.add(name);
                    }
                }
            }
            plainKey.ifPresent(k -> runtime.setProperty(k, value));
        }
    }

    static ServiceProperties of(String service) {
        Path file = Repo.applicationProperties(service);
        try (Reader r = Files.newBufferedReader(file)) {
            return parse(service, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceProperties parse(String service, String text) {
        try {
            return parse(service, new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceProperties parse(String service, Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        return new ServiceProperties(service, p);
    }

    /** {@code %prod.a.b} and {@code a.b} apply at run time; {@code %dev.}, {@code %test.} do not. */
    private static Optional<String> runtimeKey(String key) {
        if (!key.startsWith("%")) {
            return Optional.of(key);
        }
        int dot = key.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        Set<String> profiles = Set.of(key.substring(1, dot).split(","));
        return profiles.contains("prod") ? Optional.of(key.substring(dot + 1)) : Optional.empty();
    }

    /** The environment-variable form SmallRye Config maps to a property: non-alphanumerics become '_', upper case. */
    static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Env vars named in any {@code ${...}} of the file (all profiles). */
    Set<String> referencedEnvVars() {
        return referencedEnv;
    }

    /** Env vars a run-time property needs and has no default for: the service does not start without them. */
    Set<String> requiredEnvVars() {
        return requiredEnv;
    }

    Set<String> runtimeKeys() {
        return runtime.stringPropertyNames();
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(runtime.getProperty(key));
    }

    /**
     * True when setting this env var configures the service as its application.properties expects: it is referenced
     * by an expression, or it is the env form of a property the file sets.
     */
    boolean reads(String envVar) {
        if (referencedEnv.contains(envVar)) {
            return true;
        }
        for (String key : runtime.stringPropertyNames()) {
            if (envForm(key).equals(envVar)) {
                return true;
            }
        }
        return false;
    }

    /** The env vars that set a property: the one its value names ({@code ${VAR:...}}), and its own env form. */
    Set<String> envVarsFor(String key) {
        Set<String> out = new LinkedHashSet<>();
        value(key).map(WHOLE_EXPRESSION::matcher).filter(Matcher::matches).ifPresent(m -> out.add(m.group(1)));
        out.add(envForm(key));
        return out;
    }

    /** The value a property gets with no env var set: the expression's default, or the literal value. */
    Optional<String> defaultOf(String key) {
        return value(key).flatMap(v -> {
            Matcher m = WHOLE_EXPRESSION.matcher(v);
            if (m.matches()) {
                return Optional.ofNullable(m.group(2));
            }
            return v.contains("${") ? Optional.empty() : Optional.of(v);
        });
    }

    int httpPort() {
        return defaultOf("quarkus.http.port").map(Integer::parseInt)
                .orElseThrow(() -> new IllegalStateException(service + ": quarkus.http.port has no default"));
    }

    boolean hasDatasource() {
        return runtime.stringPropertyNames().stream().anyMatch(k -> k.startsWith("quarkus.datasource."));
    }

    @Override
    public String toString() {
        return service + "-service";
    }
}
