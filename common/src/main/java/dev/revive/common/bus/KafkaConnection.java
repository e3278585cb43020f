package dev.revive.common.bus;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Where a Kafka client connects and how it authenticates: the bootstrap servers plus the security settings
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). The raw clients a service creates itself (producers,
 * consumers, admin clients) start from {@link #properties()}, so they use the same credentials as its SmallRye
 * channels.
 *
 * @param bootstrapServers Kafka's bootstrap servers
 * @param security         security settings only; empty for PLAINTEXT
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) {

    public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";

    public KafkaConnection {
        security = Map.copyOf(security);
    }

    /** No authentication: the PLAINTEXT listener. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** SCRAM-SHA-512 over {@code protocol} ({@code SASL_PLAINTEXT} or {@code SASL_SSL}). */
    public static KafkaConnection scram(String bootstrapServers, String protocol, String username, String password) {
        return new KafkaConnection(bootstrapServers, Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol,
                SaslConfigs.SASL_MECHANISM, SCRAM_SHA_512,
                SaslConfigs.SASL_JAAS_CONFIG, scramJaas(username, password)));
    }

    /**
     * Takes the bootstrap servers and the security settings out of a client configuration, e.g. Quarkus'
     * {@code @Identifier("default-kafka-broker")} map (every {@code kafka.*} property without its prefix).
     */
    public static KafkaConnection from(Map<String, ?> clientConfig) {
        Object bootstrap = clientConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("no " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " in the Kafka configuration");
        }
        Map<String, String> security = new TreeMap<>();
        clientConfig.forEach((k, v) -> {
            if (v != null && !v.toString().isBlank() && isSecurityKey(k)) {
                security.put(k, v.toString());
            }
        });
        return new KafkaConnection(bootstrap.toString(), security);
    }

    static boolean isSecurityKey(String key) {
        return key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.startsWith("sasl.") || key.startsWith("ssl.");
    }

    /** The JAAS line of a SCRAM login. Username and password must not contain {@code "} or {@code \}. */
    public static String scramJaas(String username, String password) {
        for (String s : new String[] {username, password}) {
            if (s.indexOf('"') >= 0 || s.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("a Kafka username or password must not contain \" or \\");
            }
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** Bootstrap servers and security settings, to which a client adds its own settings. */
    public Properties properties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(security);
        return p;
    }

    /** The same as {@link #properties()}, as a map. */
    public Map<String, Object> config() {
        Map<String, Object> m = new TreeMap<>(security);
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return m;
    }

    @Override
    public String toString() {
        // Never the JAAS line: it holds the password.
        return "KafkaConnection[" + bootstrapServers + ", " + security.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT") + "]";
    }
}
