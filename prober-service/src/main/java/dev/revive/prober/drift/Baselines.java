package dev.revive.prober.drift;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a prober keeps the drift baselines of its location, so that they outlive the process and follow a target
 * to whichever prober takes it over. {@link #inMemory()} keeps them in this process only (tests, no Kafka).
 */
public interface Baselines extends AutoCloseable {

    /** A stored baseline: the signatures, the URL they were taken from, when and by which prober. */
    record Stored(BlockSignatures signatures, String url, Instant armedAt, String proberId) {
    }

    /** The stored baseline of a target for this location, or null. */
    Stored get(String targetId);

    /** False while the stored baselines are still being read: a probe must then neither compare nor arm. */
    boolean ready();

    /** Keeps a newly armed baseline (and publishes it, for a shared store). */
    void save(String targetId, Stored baseline);

    /** Forgets a target's baseline (target deleted, or baseline re-armed). */
    void drop(String targetId);

    @Override
    default void close() {
    }

    static Baselines inMemory() {
        Map<String, Stored> map = new ConcurrentHashMap<>();
        return new Baselines() {
            @Override
            public Stored get(String targetId) {
                return map.get(targetId);
            }

            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public void save(String targetId, Stored baseline) {
                map.put(targetId, baseline);
            }

            @Override
            public void drop(String targetId) {
                map.remove(targetId);
            }
        };
    }
}
