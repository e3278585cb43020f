package dev.revive.common.topic;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.revive.common.bus.KafkaConnection;

/**
 * Creates Revive's topics and their dead-letter topics on a broker, keeping the ones that exist. Used by the test
 * kit and the local stack ({@code java ... dev.revive.common.topic.TopicProvisioner host:port [replication]}).
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** Creates what is missing; returns the names it created. */
    public static List<String> createMissing(String bootstrapServers, short replication) {
        return createMissing(KafkaConnection.plaintext(bootstrapServers), replication);
    }

    /** Creates what is missing, connected as {@code connection} (which needs the right to create topics). */
    public static List<String> createMissing(KafkaConnection connection, short replication) {
        String bootstrapServers = connection.bootstrapServers();
        try (Admin admin = Admin.create(connection.config())) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.allWithDeadLetters().stream()
                    .filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), s.partitions(), replication).configs(s.config()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Another process (a second service starting) may have created some at the same moment.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Revive's topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: TopicProvisioner bootstrap-servers [replication-factor]");
            System.exit(2);
        }
        short replication = args.length > 1 ? Short.parseShort(args[1]) : 1;
        List<String> created = createMissing(args[0], replication);
        System.out.println("created " + created.size() + " topics" + (created.isEmpty() ? "" : ": " + String.join(", ", created)));
    }
}
