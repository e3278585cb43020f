package dev.revive.policy.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.policy.db.SqlPart;
import dev.revive.policy.db.Transactions;
import io.smallrye.mutiny.Uni;

/** The health history tables ({@code V20__health_history.sql}): batched writes, retention, and the console's reads. */
@ApplicationScoped
public class HistoryStore {

    /** Rows per statement: 9 parameters each, far below PostgreSQL's 65,535. */
    static final int BATCH = 1_000;

    @Inject
    Transactions tx;

    /** A point of a response-time chart: one bucket (minute or hour) of one location. */
    public record Point(Instant at, String location, int probes, int failures, int meanMs, int p95Ms, int maxMs) {
    }

    /** Probes and failures over a window. */
    public record Uptime(long probes, long failures) {
        public Double percent() {
            return probes == 0 ? null : 100.0 * (probes - failures) / probes;
        }
    }

    /** Writes drained minute rows and adds them to their hours, {@value #BATCH} rows per statement. */
    public Uni<Void> write(List<MinuteRollups.Row> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<MinuteRollups.Row> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
            chain = chain.chain(() -> tx.autocommit(s -> SqlPart.atomically(s, List.of(minutes(chunk), hours(chunk)))));
        }
        return chain;
    }

    static SqlPart minutes(List<MinuteRollups.Row> rows) {
        List<Object> p = new ArrayList<>(rows.size() * 9);
        for (MinuteRollups.Row r : rows) {
            p.add(r.targetId());
            p.add(Instant.ofEpochMilli(r.minuteEpochMs()));
            p.add(r.location());
            p.add(r.probes());
            p.add(r.failures());
            p.add(r.latencySumMs());
            p.add(r.p50Ms());
            p.add(r.p95Ms());
            p.add(r.maxMs());
        }
        return new SqlPart("INSERT INTO health_minute (target_id, minute, location, probes, failures, latency_sum_ms, p50_ms, "
                + "p95_ms, max_ms) VALUES " + SqlPart.values(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?)")
                + " ON CONFLICT (target_id, minute, location) DO UPDATE SET probes = health_minute.probes + EXCLUDED.probes,"
                + " failures = health_minute.failures + EXCLUDED.failures,"
                + " latency_sum_ms = health_minute.latency_sum_ms + EXCLUDED.latency_sum_ms,"
                + " p50_ms = GREATEST(health_minute.p50_ms, EXCLUDED.p50_ms), p95_ms = GREATEST(health_minute.p95_ms, EXCLUDED.p95_ms),"
                + " max_ms = GREATEST(health_minute.max_ms, EXCLUDED.max_ms)", p);
    }

    /** The rows folded into their hours first: one batch must not touch an hour row twice. */
    static SqlPart hours(List<MinuteRollups.Row> rows) {
        record HourKey(String target, long hour, String location) {
        }
        Map<HourKey, long[]> sums = new HashMap<>();
        for (MinuteRollups.Row r : rows) {
            long hour = r.minuteEpochMs() - Math.floorMod(r.minuteEpochMs(), 3_600_000L);
            long[] a = sums.computeIfAbsent(new HourKey(r.targetId(), hour, r.location()), k -> new long[5]);
            a[0] += r.probes();
            a[1] += r.failures();
            a[2] += r.latencySumMs();
            a[3] = Math.max(a[3], r.p95Ms());
            a[4] = Math.max(a[4], r.maxMs());
        }
        List<Object> p = new ArrayList<>(sums.size() * 8);
        sums.forEach((k, a) -> {
            p.add(k.target());
            p.add(Instant.ofEpochMilli(k.hour()));
            p.add(k.location());
            p.add((int) a[0]);
            p.add((int) a[1]);
            p.add(a[2]);
            p.add((int) a[3]);
            p.add((int) a[4]);
        });
        return new SqlPart("INSERT INTO health_hour (target_id, hour, location, probes, failures, latency_sum_ms, p95_ms, max_ms)"
                + " VALUES " + SqlPart.values(sums.size(), "(?, ?, ?, ?, ?, ?, ?, ?)")
                + " ON CONFLICT (target_id, hour, location) DO UPDATE SET probes = health_hour.probes + EXCLUDED.probes,"
                + " failures = health_hour.failures + EXCLUDED.failures,"
                + " latency_sum_ms = health_hour.latency_sum_ms + EXCLUDED.latency_sum_ms,"
                + " p95_ms = GREATEST(health_hour.p95_ms, EXCLUDED.p95_ms), max_ms = GREATEST(health_hour.max_ms, EXCLUDED.max_ms)", p);
    }

    /** Deletes minute rows before {@code minutesBefore} and hour rows before {@code hoursBefore}. */
    public Uni<Void> expire(Instant minutesBefore, Instant hoursBefore) {
        return tx.autocommit(s -> SqlPart.atomically(s, List.of(
                new SqlPart("DELETE FROM health_minute WHERE minute < ?", List.of(minutesBefore)),
                new SqlPart("DELETE FROM health_hour WHERE hour < ?", List.of(hoursBefore)))));
    }

    /** Probes and failures per target since {@code since}, from the hour rows (the current hour up to the last flush). */
    public Uni<Map<String, Uptime>> uptime(Collection<String> targetIds, Instant since) {
        return uptimes(targetIds, List.of(since)).map(m -> {
            Map<String, Uptime> out = new HashMap<>();
            m.forEach((k, v) -> out.put(k, v[0]));
            return out;
        });
    }

    /**
     * Probes and failures per target for each of several windows (e.g. 24 h, 7 d, 30 d) in one statement over the hour
     * rows since the earliest; index i of a target's array is {@code sinces.get(i)}, null where it had no rows.
     */
    public Uni<Map<String, Uptime[]>> uptimes(Collection<String> targetIds, List<Instant> sinces) {
        if (targetIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        StringBuilder sql = new StringBuilder("SELECT target_id");
        List<Object> p = new ArrayList<>();
        for (Instant since : sinces) {
            sql.append(", SUM(probes) FILTER (WHERE hour >= ?), SUM(failures) FILTER (WHERE hour >= ?)");
            p.add(since);
            p.add(since);
        }
        sql.append(" FROM health_hour WHERE target_id IN (").append(SqlPart.values(targetIds.size(), "?")).append(") AND hour >= ?")
                .append(" GROUP BY target_id");
        p.addAll(targetIds);
        p.add(sinces.stream().min(Instant::compareTo).orElseThrow());
        return tx.read(s -> SqlPart.bind(s.createNativeQuery(sql.toString(), Object[].class), p).getResultList()).map(rows -> {
            Map<String, Uptime[]> out = new HashMap<>();
            for (Object[] r : rows) {
                Uptime[] u = new Uptime[sinces.size()];
                for (int i = 0; i < sinces.size(); i++) {
                    Object probes = r[1 + 2 * i];
                    u[i] = probes == null ? null : new Uptime(((Number) probes).longValue(), ((Number) r[2 + 2 * i]).longValue());
                }
                out.put((String) r[0], u);
            }
            return out;
        });
    }

    /** Daily probes and failures of the targets over the last {@code days} days, oldest first (index 0 = days ago). */
    public Uni<Map<String, Uptime[]>> daily(Collection<String> targetIds, int days, Instant now) {
        if (targetIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Instant today = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Instant since = today.minus(java.time.Duration.ofDays(days - 1L));
        List<Object> p = new ArrayList<>(targetIds);
        p.add(since);
        String sql = "SELECT target_id, CAST(EXTRACT(EPOCH FROM date_trunc('day', hour AT TIME ZONE 'UTC')) AS bigint), SUM(probes),"
                + " SUM(failures) FROM health_hour WHERE target_id IN (" + SqlPart.values(targetIds.size(), "?")
                + ") AND hour >= ? GROUP BY 1, 2";
        return tx.read(s -> SqlPart.bind(s.createNativeQuery(sql, Object[].class), p).getResultList()).map(rows -> {
            Map<String, Uptime[]> out = new HashMap<>();
            for (Object[] r : rows) {
                long day = ((Number) r[1]).longValue();
                int index = (int) ((day - since.getEpochSecond()) / 86_400);
                if (index < 0 || index >= days) {
                    continue;
                }
                out.computeIfAbsent((String) r[0], k -> new Uptime[days])[index] =
                        new Uptime(((Number) r[2]).longValue(), ((Number) r[3]).longValue());
            }
            return out;
        });
    }

    /** A target's chart since {@code since}: minute points when {@code byHour} is false, hour points otherwise. */
    public Uni<List<Point>> chart(String targetId, Instant since, boolean byHour) {
        String sql = byHour
                ? "SELECT hour, location, probes, failures, latency_sum_ms, p95_ms, max_ms FROM health_hour"
                        + " WHERE target_id = ? AND hour >= ? ORDER BY hour, location"
                : "SELECT minute, location, probes, failures, latency_sum_ms, p95_ms, max_ms FROM health_minute"
                        + " WHERE target_id = ? AND minute >= ? ORDER BY minute, location";
        return tx.read(s -> SqlPart.bind(s.createNativeQuery(sql, Object[].class), List.of(targetId, since)).getResultList())
                .map(rows -> rows.stream().map(r -> {
                    int probes = ((Number) r[2]).intValue();
                    long sum = ((Number) r[4]).longValue();
                    return new Point(instant(r[0]), (String) r[1], probes, ((Number) r[3]).intValue(),
                            probes == 0 ? 0 : (int) (sum / probes), ((Number) r[5]).intValue(), ((Number) r[6]).intValue());
                }).toList());
    }

    public static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a time: " + o);
    }
}
