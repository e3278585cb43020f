package dev.revive.testkit;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import dev.revive.common.bus.BusAcls;
import dev.revive.common.bus.BusProvisioner;
import dev.revive.common.bus.KafkaConnection;

/**
 * The test broker's secure side ({@link RealKafka#secure()}): its SASL_PLAINTEXT listener (SCRAM-SHA-512, ACLs of
 * {@link BusAcls} enforced, nothing allowed without an ACL) and the password of every principal of the table.
 * A test connects as a principal with {@link #as(String)}, or gives a {@code @QuarkusTest} a principal's
 * credentials with {@link SecureKafkaTestResource}.
 */
public final class SecureKafka {

    private final String bootstrapServers;
    private final Map<String, String> passwords;

    private SecureKafka(String bootstrapServers, Map<String, String> passwords) {
        this.bootstrapServers = bootstrapServers;
        this.passwords = Map.copyOf(passwords);
    }

    static SecureKafka provision(String plaintext, String sasl) {
        Map<String, String> passwords = new HashMap<>();
        SecureRandom random = new SecureRandom();
        for (BusAcls.Grant g : BusAcls.ALL) {
            byte[] b = new byte[18];
            random.nextBytes(b);
            passwords.put(g.user(), HexFormat.of().formatHex(b));
        }
        // On the PLAINTEXT listener ANONYMOUS is a super user: it creates the users and the ACLs.
        BusProvisioner.provision(KafkaConnection.plaintext(plaintext), passwords, (short) 1);
        return new SecureKafka(sasl, passwords);
    }

    /** The SASL listener's bootstrap servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A principal's password. */
    public String password(String user) {
        String p = passwords.get(user);
        if (p == null) {
            throw new IllegalArgumentException("no bus principal " + user + "; the table has " + passwords.keySet());
        }
        return p;
    }

    /** A connection to the SASL listener as one principal of the table ({@code prober}, ..., {@code viewer}). */
    public KafkaConnection as(String user) {
        return KafkaConnection.scram(bootstrapServers, "SASL_PLAINTEXT", user, password(user));
    }

    /** A connection to the SASL listener with any username and password (wrong ones included). */
    public KafkaConnection as(String user, String password) {
        return KafkaConnection.scram(bootstrapServers, "SASL_PLAINTEXT", user, password);
    }

    /** A connection to the SASL listener that does not authenticate at all. */
    public KafkaConnection anonymous() {
        return KafkaConnection.plaintext(bootstrapServers);
    }
}
