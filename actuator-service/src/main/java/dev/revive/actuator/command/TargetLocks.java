package dev.revive.actuator.command;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * At most one action per target at a time on this instance. Across instances Kafka does the same job: a target's
 * commands share its partition, which one consumer owns.
 */
@ApplicationScoped
public class TargetLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T withTarget(String targetId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(targetId == null ? "" : targetId, k -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
