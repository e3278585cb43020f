package dev.revive.policy.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.revive.common.contract.ProbeResult;

/**
 * The last {@value #KEPT} results of every target (all locations together), for the heartbeat bars, and the
 * newest facts of each location (error class, TLS days left, drift). In memory and compact: a result is one
 * {@code long} (seconds, location, outcome, error class, latency), about 400 bytes per target in all. A restart starts
 * the bars afresh; the minute rollups in PostgreSQL keep the history.
 */
public final class RecentResults {

    public static final int KEPT = 40;
    private static final int MAX_LOCATIONS = 255;
    /** 2026-01-01T00:00:00Z: seconds are kept from here, in 31 bits (until 2094). */
    static final long BASE = 1_767_225_600L;

    /** One result as the console shows it. */
    public record Result(long epochSecond, String location, boolean up, ProbeResult.ErrorClass errorClass, int latencyMs) {
        public java.time.Instant at() {
            return java.time.Instant.ofEpochSecond(epochSecond);
        }
    }

    /** What a location last said about a target. */
    public record LocationState(String location, long epochSecond, boolean up, ProbeResult.ErrorClass errorClass,
            Integer statusCode, Integer tlsDaysLeft, Double driftChangedFraction, int latencyMs) {
    }

    private static final class Ring {
        final long[] entries = new long[KEPT];
        int next;
        int count;
        final Map<String, LocationState> locations = new ConcurrentHashMap<>(2);
        /** Bumped by every recorded result: the console's live view sends what changed since it looked. */
        volatile long version;
    }

    private final Map<String, Ring> rings = new ConcurrentHashMap<>();
    private final List<String> locationNames = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> locationIndex = new ConcurrentHashMap<>();
    private static final ProbeResult.ErrorClass[] ERRORS = ProbeResult.ErrorClass.values();

    public void record(ProbeResult r) {
        long second = r.startedAt() == null ? System.currentTimeMillis() / 1000 : r.startedAt().getEpochSecond();
        int latency = (int) Math.min(0xFFFFF, Math.max(0, r.durationMicros() / 1000));
        int loc = index(r.location() == null ? "" : r.location());
        int error = r.errorClass() == null ? 0 : Math.min(15, r.errorClass().ordinal() + 1);
        long packed = pack(second, loc, r.up(), error, latency);
        Ring ring = rings.computeIfAbsent(r.targetId(), k -> new Ring());
        synchronized (ring) {
            ring.entries[ring.next] = packed;
            ring.next = (ring.next + 1) % KEPT;
            ring.count = Math.min(KEPT, ring.count + 1);
            ring.version++;
        }
        String location = r.location() == null ? "" : r.location();
        ring.locations.put(location, new LocationState(location, second, r.up(), r.errorClass(), r.statusCode(), r.tlsDaysLeft(),
                r.drift() == null ? null : r.drift().changedFraction(), latency));
    }

    /** The target's kept results, oldest first. */
    public List<Result> of(String targetId) {
        Ring ring = rings.get(targetId);
        if (ring == null) {
            return List.of();
        }
        long[] copy;
        int count;
        int next;
        synchronized (ring) {
            copy = ring.entries.clone();
            count = ring.count;
            next = ring.next;
        }
        List<Result> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long e = copy[Math.floorMod(next - count + i, KEPT)];
            out.add(unpack(e));
        }
        return out;
    }

    /** What each location last said, by location name. */
    public Map<String, LocationState> locations(String targetId) {
        Ring ring = rings.get(targetId);
        return ring == null ? Map.of() : Map.copyOf(ring.locations);
    }

    /** Changes whenever a result for the target is recorded (0: none yet). */
    public long version(String targetId) {
        Ring ring = rings.get(targetId);
        return ring == null ? 0 : ring.version;
    }

    public void forget(String targetId) {
        rings.remove(targetId);
    }

    /** Bit 63 up, 59-62 error class (0: none), 28-58 seconds since {@link #BASE}, 20-27 location, 0-19 latency (ms). */
    static long pack(long epochSecond, int location, boolean up, int error, int latencyMs) {
        long sec = Math.min(0x7FFFFFFFL, Math.max(0, epochSecond - BASE));
        return (up ? 1L << 63 : 0) | ((long) error & 0xF) << 59 | sec << 28 | ((long) location & 0xFF) << 20 | (latencyMs & 0xFFFFF);
    }

    private Result unpack(long e) {
        boolean up = e < 0;
        int error = (int) (e >>> 59 & 0xF);
        long second = (e >>> 28 & 0x7FFFFFFFL) + BASE;
        int loc = (int) (e >>> 20 & 0xFF);
        int latency = (int) (e & 0xFFFFF);
        String location = loc < locationNames.size() ? locationNames.get(loc) : "?";
        return new Result(second, location, up, error == 0 ? null : ERRORS[Math.min(error - 1, ERRORS.length - 1)], latency);
    }

    private int index(String location) {
        Integer i = locationIndex.get(location);
        if (i != null) {
            return i;
        }
        synchronized (locationNames) {
            i = locationIndex.get(location);
            if (i == null) {
                if (locationNames.size() >= MAX_LOCATIONS) {
                    return MAX_LOCATIONS; // shown as "?": a flood of invented names cannot grow the table
                }
                i = locationNames.size();
                locationNames.add(location);
                locationIndex.put(location, i);
            }
            return i;
        }
    }
}
