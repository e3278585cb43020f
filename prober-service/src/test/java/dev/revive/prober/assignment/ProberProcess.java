package dev.revive.prober.assignment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.revive.common.contract.TargetSpec;
import dev.revive.prober.publish.KafkaProducers;

/**
 * A prober's target assignment alone, in a JVM of its own, so a test can kill it for real (SIGKILL: no LeaveGroup,
 * no commit, no shutdown hook). Args: bootstrap servers, location, instance name, target id prefix. Prints
 * {@code OWNS <n>} whenever the number of targets with that prefix it would probe changes, and runs until killed.
 */
public final class ProberProcess {

    public static void main(String[] args) throws Exception {
        Map<String, Integer> owned = new ConcurrentHashMap<>();
        TargetSink sink = new TargetSink() {
            @Override
            public void upsert(TargetSpec spec, int partition) {
                owned.put(spec.id(), partition);
                report();
            }

            @Override
            public void remove(String targetId) {
                owned.remove(targetId);
                report();
            }

            @Override
            public void removePartition(int partition) {
                owned.values().removeIf(p -> p == partition);
                report();
            }

            private synchronized void report() {
                System.out.println("OWNS " + owned.keySet().stream().filter(id -> id.startsWith(args[3])).count());
                System.out.flush();
            }
        };
        var producer = KafkaProducers.create(args[0], "revive-prober-" + args[2]);
        new TargetAssignment(new AssignmentSettings(args[0], args[1], args[2], 6_000, 1_000), sink, producer).start();
        System.out.println("STARTED");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until killed (or until the test's JVM goes away)
        }
        System.exit(0);
    }

    private ProberProcess() {
    }
}
