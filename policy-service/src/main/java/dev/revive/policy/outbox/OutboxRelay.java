package dev.revive.policy.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Recipient;
import dev.revive.common.contract.Severity;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.incident.NotificationPlanner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once the broker acked them (acks=all, idempotent
 * producer). Woken by LISTEN/NOTIFY on {@code revive_outbox}; a slow poll is the safety net.
 *
 * <p>Rows are taken by presence, not by a high-water mark, so a row whose transaction commits after a row with a
 * higher id is still published (on the next wake-up) instead of being skipped. A transaction-scoped advisory lock
 * makes one relay at a time drain the table across instances, which keeps per-key order.
 *
 * <p>The producer is only ever called on the {@link OutboxSender}'s own thread, never on an event loop (a send blocks
 * for {@code max.block.ms} while the broker is unreachable). A row the broker can never take (too large, not
 * serializable, invalid topic, not authorized) is parked: moved to {@code outbox_parked} with its reason, counted
 * ({@code revive.outbox.parked}), logged at ERROR and told to the admins as a WARNING notification; the rows after it
 * keep draining in order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x7265766976L; // "reviv"
    /** The id prefix of the relay's own notices about parked rows. */
    static final String PARKED_NOTICE = "outbox-parked-";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    PolicyConfig config;
    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String dbUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    private OutboxSender sender;
    private PgSubscriber subscriber;
    private long pollTimer = -1;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private List<Recipient> admins;

    void start(@Observes StartupEvent ev) {
        admins = NotificationPlanner.parseRecipients(config.notifications().defaultRecipients());
        sender = new OutboxSender(kafka, config.outbox().bootstrapServers().orElse(bootstrap), config.outbox().maxBlock(),
                metrics.counter("revive.outbox.sends"));

        PgConnectOptions opts = PgConnectOptions.fromUri(dbUrl.startsWith("vertx-reactive:") ? dbUrl.substring(15) : dbUrl)
                .setUser(dbUser).setPassword(dbPassword);
        subscriber = PgSubscriber.subscriber(vertx, opts);
        subscriber.reconnectPolicy(retries -> 500L);
        subscriber.channel("revive_outbox").handler(payload -> wake());
        subscriber.connect().subscribe().with(v -> wake(), t -> LOG.warnf("outbox LISTEN failed, polling only: %s", t.getMessage()));
        pollTimer = vertx.setPeriodic(config.outbox().pollInterval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        if (sender != null) {
            sender.close();
        }
    }

    /** Asks for a drain; coalesces with one already running. */
    public void wake() {
        if (stopped) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            drainLoop();
        }
    }

    private void drainLoop() {
        again.set(false);
        drainOnce().subscribe().with(n -> {
            if (n >= config.outbox().batchSize()) {
                again.set(true);
            }
            finish();
        }, t -> {
            LOG.warnf("outbox relay failed, will retry: %s", t.toString());
            finish();
        });
    }

    private void finish() {
        running.set(false);
        if (again.get() && !stopped && running.compareAndSet(false, true)) {
            drainLoop();
        }
    }

    /**
     * One batch under the lock; returns how many rows it took out of the outbox. One round trip before the first send:
     * BEGIN is pipelined with a SELECT that takes the transaction-scoped advisory lock in an init-plan (no rows when
     * another relay holds it); after the broker answered, DELETE and COMMIT are pipelined too. A retriable failure
     * rolls back, so the rows stay and go again (at-least-once, stable ids); a row that can never be published is
     * parked instead (see {@link #park}).
     */
    Uni<Integer> drainOnce() {
        return pool.withConnection(c -> {
            Context current = io.vertx.core.Vertx.currentContext();
            Context loop = current != null ? current : vertx.getDelegate().getOrCreateContext();
            return Uni.combine().all()
                    .unis(c.query("BEGIN").execute(), c.preparedQuery("SELECT id, topic, msg_key, ce_id, ce_type, ce_time, payload "
                            + "FROM outbox WHERE (SELECT pg_try_advisory_xact_lock($1)) ORDER BY id LIMIT $2")
                            .execute(Tuple.of(LOCK_KEY, config.outbox().batchSize())))
                    .asTuple()
                    .chain(t -> publishBatch(c, loop, t.getItem2()))
                    .onFailure().call(() -> c.query("ROLLBACK").execute().onFailure().recoverWithNull());
        });
    }

    private Uni<Integer> publishBatch(SqlConnection c, Context loop, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return c.query("COMMIT").execute().replaceWith(0);
        }
        List<OutboxSender.Outgoing> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(outgoing(r));
        }
        // Sent on the sender's thread; the rest of the transaction continues on this connection's event loop.
        return Uni.createFrom().completionStage(() -> sender.sendAll(out))
                .emitOn(task -> loop.runOnContext(x -> task.run()))
                .chain(outcomes -> settle(c, outcomes));
    }

    /** Every row acked or poisoned: the acked ones deleted, the poisoned ones parked, then COMMIT. */
    private Uni<Integer> settle(SqlConnection c, List<OutboxSender.Outcome> outcomes) {
        List<Long> ids = new ArrayList<>(outcomes.size());
        List<OutboxSender.Outcome> poisoned = new ArrayList<>();
        for (OutboxSender.Outcome o : outcomes) {
            if (!o.ok()) {
                if (o.poisonReason() == null) {
                    return Uni.createFrom().failure(o.failure()); // retriable: roll the whole batch back
                }
                poisoned.add(o);
            }
            ids.add(o.row().id());
        }
        Uni<?> delete = poisoned.isEmpty()
                ? c.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(Long[]::new)))
                : park(c, ids, poisoned);
        return Uni.combine().all().unis(delete, c.query("COMMIT").execute()).asTuple()
                .invoke(() -> {
                    metrics.counter("revive.outbox.published").increment(ids.size() - poisoned.size());
                    for (OutboxSender.Outcome o : poisoned) {
                        metrics.counter("revive.outbox.parked", "topic", o.row().topic()).increment();
                        LOG.errorf("outbox row %d for %s parked, it can never be published: %s (list: GET /admin/outbox/parked)",
                                o.row().id(), o.row().topic(), o.poisonReason());
                    }
                })
                .map(x -> ids.size());
    }

    /**
     * Deletes the batch's rows, moving the poisoned ones to {@code outbox_parked} with their reason, and writes one
     * WARNING notification for the admins into the outbox (same transaction, so it leaves with the next drain). Not
     * for a parked notice of this relay itself: that would park again and again.
     */
    private Uni<?> park(SqlConnection c, List<Long> ids, List<OutboxSender.Outcome> poisoned) {
        Long[] parked = poisoned.stream().map(o -> o.row().id()).toArray(Long[]::new);
        String[] reasons = poisoned.stream().map(o -> bounded(o.poisonReason(), 2000)).toArray(String[]::new);
        Uni<?> move = c.preparedQuery("WITH d AS (DELETE FROM outbox WHERE id = ANY($1) RETURNING *) "
                + "INSERT INTO outbox_parked (id, topic, msg_key, ce_id, ce_type, ce_time, payload, created_at, reason) "
                + "SELECT d.id, d.topic, d.msg_key, d.ce_id, d.ce_type, d.ce_time, d.payload, d.created_at, r.reason "
                + "FROM d JOIN unnest($2::bigint[], $3::text[]) AS r(id, reason) ON r.id = d.id")
                .execute(Tuple.of(ids.toArray(Long[]::new), parked, reasons));
        List<OutboxSender.Outcome> tell = poisoned.stream()
                .filter(o -> o.row().ceId() == null || !o.row().ceId().startsWith(PARKED_NOTICE)).toList();
        if (tell.isEmpty()) {
            return move;
        }
        Instant now = Instant.now();
        String id = PARKED_NOTICE + UUID.randomUUID();
        OutboxSender.Outcome first = tell.get(0);
        String summary = tell.size() + " outbox message(s) could not be published and were parked (first: row "
                + first.row().id() + " for " + first.row().topic() + ", " + bounded(first.poisonReason(), 200)
                + "); list them with GET /admin/outbox/parked";
        var n = new NotificationRequest(id, null, "revive.outbox", "Revive outbox", NotificationRequest.Kind.WARNING,
                Severity.WARNING, 0, null, summary,
                Map.of("parked", Integer.toString(tell.size()), "firstRow", Long.toString(first.row().id()),
                        "firstTopic", first.row().topic()),
                Map.of("parked", config.publicUrl().replaceAll("/+$", "") + "/admin/outbox/parked"), admins, List.of(),
                List.of(), now, null);
        var e = Envelope.of(id, n, Outbox.SOURCE, "revive.outbox", now);
        Uni<?> notice = c.preparedQuery("INSERT INTO outbox (topic, msg_key, ce_id, ce_type, ce_time, payload) "
                + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple(List.of(Topics.NOTIFICATIONS, "revive.outbox", id, e.type(),
                        e.time().atOffset(ZoneOffset.UTC), Buffer.buffer(EnvelopeCodec.body(n)))));
        return Uni.combine().all().unis(move, notice).asTuple();
    }

    private static String bounded(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static OutboxSender.Outgoing outgoing(Row r) {
        long id = r.getLong("id");
        String topic = r.getString("topic");
        String ceId = r.getString("ce_id");
        try {
            String key = r.getString("msg_key");
            var payload = r.getBuffer("payload");
            ProducerRecord<String, byte[]> rec;
            if (payload == null) {
                rec = new ProducerRecord<>(topic, key, null);
            } else {
                Instant time = r.getOffsetDateTime("ce_time").toInstant();
                Envelope<Object> e = new Envelope<>(ceId, r.getString("ce_type"), Outbox.SOURCE, time, key, null);
                rec = new ProducerRecord<>(topic, null, key, payload.getBytes(), EnvelopeCodec.headers(e));
            }
            return new OutboxSender.Outgoing(id, topic, ceId, rec, null);
        } catch (RuntimeException e) {
            return new OutboxSender.Outgoing(id, topic, ceId, null, new OutboxSender.Unbuildable(e.toString(), e));
        }
    }
}
