package dev.revive.common.bus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

import dev.revive.common.topic.TopicProvisioner;

/**
 * Makes a secure broker ready for Revive, as its super user: creates the topics, sets each principal's SCRAM
 * password and creates the ACLs of {@link BusAcls}, then waits until the broker serves them (so a client started
 * next can log in). Existing topics, credentials and ACLs are kept or overwritten, never duplicated.
 *
 * <p>{@code java ... dev.revive.common.bus.BusProvisioner host:port credentials-dir [replication]} reads the super
 * user's password from {@code credentials-dir/admin.password} and each principal's from
 * {@code credentials-dir/<user>.password}.
 */
public final class BusProvisioner {

    /** SCRAM iterations (Kafka's minimum and its tools' default). */
    public static final int SCRAM_ITERATIONS = 4096;

    private BusProvisioner() {
    }

    /**
     * Topics, users and ACLs.
     *
     * @param asSuperUser a connection as the super user (or any principal the broker treats as one)
     * @param passwords   the password of each principal of the table, by username
     */
    public static void provision(KafkaConnection asSuperUser, Map<String, String> passwords, short replication) {
        for (BusAcls.Grant g : BusAcls.ALL) {
            if (!passwords.containsKey(g.user())) {
                throw new IllegalArgumentException("no password for the bus principal " + g.user());
            }
        }
        TopicProvisioner.createMissing(asSuperUser, replication);
        try (Admin admin = Admin.create(asSuperUser.config())) {
            List<UserScramCredentialUpsertion> users = passwords.entrySet().stream()
                    .map(e -> new UserScramCredentialUpsertion(e.getKey(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), e.getValue()))
                    .toList();
            admin.alterUserScramCredentials(List.copyOf(users)).all().get(60, TimeUnit.SECONDS);
            List<AclBinding> acls = BusAcls.bindings();
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
            awaitServed(admin, passwords.keySet(), acls);
        } catch (Exception e) {
            throw new IllegalStateException("cannot provision the bus on " + asSuperUser.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** The broker applies credentials and ACLs from the metadata log shortly after the controller commits them. */
    private static void awaitServed(Admin admin, Set<String> users, List<AclBinding> acls) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Set<String> known = new HashSet<>();
            admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).keySet().forEach(known::add);
            var served = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
            if (known.containsAll(users) && served.containsAll(acls)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not serve the new users and ACLs within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** The password files of a credentials folder: {@code <user>.password} for the super user and every principal. */
    public static Map<String, String> readPasswords(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (BusAcls.Grant g : BusAcls.ALL) {
            out.put(g.user(), Files.readString(dir.resolve(g.user() + ".password")).trim());
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BusProvisioner bootstrap-servers credentials-dir [replication-factor]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        String adminPassword = Files.readString(dir.resolve(BusAcls.SUPER_USER + ".password")).trim();
        short replication = args.length > 2 ? Short.parseShort(args[2]) : 1;
        KafkaConnection admin = KafkaConnection.scram(args[0], "SASL_PLAINTEXT", BusAcls.SUPER_USER, adminPassword);
        provision(admin, readPasswords(dir), replication);
        System.out.println("bus ready: topics, " + BusAcls.ALL.size() + " principals, " + BusAcls.bindings().size() + " ACLs");
    }
}
