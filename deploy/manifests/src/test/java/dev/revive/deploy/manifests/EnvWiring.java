package dev.revive.deploy.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The env a deployment gives one service, checked against that service's application.properties: nothing set that
 * the service does not read, nothing missing that it needs, database URLs in the shapes the service expects.
 */
final class EnvWiring {

    /** Both sides of command signing must have the keys; the policy signs, the actuator verifies. */
    static final Set<String> SIGNING_SERVICES = Set.of("policy", "actuator");
    static final String SIGNING_KEYS = "REVIVE_SIGNING_KEYS";

    private EnvWiring() {
    }

    /**
     * @param where what is checked, for the messages ("overlays/production Deployment revive-policy")
     * @param env   the variables set, with their values where known (null for a value from a Secret, say)
     */
    static List<String> problems(String where, ServiceProperties props, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        String file = props + "/src/main/resources/application.properties";
        for (String var : env.keySet()) {
            if (!props.reads(var) && !isKafkaClientSetting(var)) {
                out.add(where + ": sets " + var + ", which " + file + " neither references (${" + var
                        + "...}) nor has a property of that env form (declare it there, e.g. some.property=${" + var
                        + ":}, or stop setting it)");
            }
        }
        requireProperty(out, where, props, env, "kafka.bootstrap.servers");
        if (props.hasDatasource()) {
            for (String key : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                    "quarkus.datasource.username", "quarkus.datasource.password")) {
                if (props.value(key).isPresent()) {
                    requireProperty(out, where, props, env, key);
                }
            }
            checkDatabaseUrls(out, where, props, env);
        }
        if (SIGNING_SERVICES.contains(props.service)) {
            if (!env.containsKey(SIGNING_KEYS)) {
                out.add(where + ": " + SIGNING_KEYS + " is not set (" + props.service + " signs or verifies commands)");
            }
            if (!props.referencedEnvVars().contains(SIGNING_KEYS)) {
                out.add(file + " does not read ${" + SIGNING_KEYS + "} (command signing keys)");
            }
        }
        for (String var : props.requiredEnvVars()) {
            if (!env.containsKey(var)) {
                out.add(where + ": " + var + " is not set, and " + file + " has no default for it");
            }
        }
        return out;
    }

    /**
     * Quarkus' Kafka extension hands every {@code KAFKA_*} variable to every Kafka client of the service
     * ({@code KAFKA_SSL_TRUSTSTORE_LOCATION} becomes {@code ssl.truststore.location}); the TLS settings are set that way,
     * as they have no sensible empty default in application.properties.
     */
    static boolean isKafkaClientSetting(String var) {
        return var.startsWith("KAFKA_SSL_");
    }

    /** The port the service listens on under this env: an override of quarkus.http.port, else its default. */
    static int httpPort(ServiceProperties props, Map<String, String> env) {
        for (String var : props.envVarsFor("quarkus.http.port")) {
            String v = env.get(var);
            if (v != null) {
                return Integer.parseInt(v.trim());
            }
        }
        return props.httpPort();
    }

    private static void requireProperty(List<String> out, String where, ServiceProperties props,
            Map<String, String> env, String key) {
        if (props.value(key).isEmpty()) {
            out.add(props + "/application.properties has no " + key);
            return;
        }
        Set<String> vars = props.envVarsFor(key);
        if (vars.stream().noneMatch(env::containsKey)) {
            out.add(where + ": " + key + " is not set (none of " + vars + ")");
        }
    }

    private static void checkDatabaseUrls(List<String> out, String where, ServiceProperties props,
            Map<String, String> env) {
        Optional<String> reactive = valueOf(props, env, "quarkus.datasource.reactive.url");
        Optional<String> jdbc = valueOf(props, env, "quarkus.datasource.jdbc.url");
        reactive.filter(v -> !v.startsWith("postgresql://"))
                .ifPresent(v -> out.add(where + ": reactive URL is not postgresql://host:port/db: " + v));
        jdbc.filter(v -> !v.startsWith("jdbc:postgresql://"))
                .ifPresent(v -> out.add(where + ": JDBC URL is not jdbc:postgresql://host:port/db: " + v));
        if (reactive.isPresent() && jdbc.isPresent()) {
            String r = reactive.get().replaceFirst("\\?.*$", "");
            String j = jdbc.get().replaceFirst("\\?.*$", "");
            if (!("jdbc:" + r).equals(j)) {
                out.add(where + ": the reactive and JDBC URLs name different databases: " + r + " vs " + j);
            }
        }
    }

    private static Optional<String> valueOf(ServiceProperties props, Map<String, String> env, String key) {
        return props.envVarsFor(key).stream().map(env::get).filter(v -> v != null).findFirst();
    }
}
