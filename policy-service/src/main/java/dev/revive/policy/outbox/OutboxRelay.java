package dev.revive.policy.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.revive.common.bus.KafkaConnection;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.policy.config.PolicyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x7265766976L; // "reviv"

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    PolicyConfig config;
    @Inject
    MeterRegistry metrics;

    /** Every {@code kafka.*} property: bootstrap servers and the credentials the channels use. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String dbUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    private KafkaProducer<String, byte[]> producer;
    private PgSubscriber subscriber;
    private long pollTimer = -1;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    void start(@Observes StartupEvent ev) {
        Properties p = KafkaConnection.from(kafkaConfig).properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "revive-policy-outbox");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        // Fetch metadata now, on the start-up thread, so that sends from the event loop never block on it.
        for (String topic : List.of(Topics.TARGETS, Topics.INCIDENTS, Topics.COMMANDS, Topics.NOTIFICATIONS)) {
            try {
                producer.partitionsFor(topic);
            } catch (RuntimeException e) {
                LOG.warnf("no metadata for %s yet: %s", topic, e.getMessage());
            }
        }

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
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
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
     * One batch under the lock; returns how many rows it published. One round trip before the first send: BEGIN is
     * pipelined with a SELECT that takes the transaction-scoped advisory lock in an init-plan (no rows when another
     * relay holds it); after the broker acked, DELETE and COMMIT are pipelined too. Any failure rolls back, so the
     * rows stay and go again (at-least-once, stable ids).
     */
    Uni<Integer> drainOnce() {
        return pool.withConnection(c -> Uni.combine().all()
                .unis(c.query("BEGIN").execute(), c.preparedQuery("SELECT id, topic, msg_key, ce_id, ce_type, ce_time, payload "
                        + "FROM outbox WHERE (SELECT pg_try_advisory_xact_lock($1)) ORDER BY id LIMIT $2")
                        .execute(Tuple.of(LOCK_KEY, config.outbox().batchSize())))
                .asTuple()
                .chain(t -> publishBatch(c, t.getItem2()))
                .onFailure().call(() -> c.query("ROLLBACK").execute().onFailure().recoverWithNull()));
    }

    private Uni<Integer> publishBatch(SqlConnection c, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return c.query("COMMIT").execute().replaceWith(0);
        }
        List<Long> ids = new ArrayList<>(rows.size());
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ids.add(r.getLong("id"));
            acks.add(send(r));
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .chain(() -> Uni.combine().all().unis(c.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                        .execute(Tuple.of(ids.toArray(Long[]::new))), c.query("COMMIT").execute()).asTuple())
                .invoke(() -> metrics.counter("revive.outbox.published").increment(ids.size()))
                .map(x -> ids.size());
    }

    private CompletableFuture<Void> send(Row r) {
        String topic = r.getString("topic");
        String key = r.getString("msg_key");
        var payload = r.getBuffer("payload");
        ProducerRecord<String, byte[]> rec;
        if (payload == null) {
            rec = new ProducerRecord<>(topic, key, null);
        } else {
            Instant time = r.getOffsetDateTime("ce_time").toInstant();
            Envelope<Object> e = new Envelope<>(r.getString("ce_id"), r.getString("ce_type"), Outbox.SOURCE, time, key, null);
            rec = new ProducerRecord<>(topic, null, key, payload.getBytes(), EnvelopeCodec.headers(e));
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            producer.send(rec, (md, ex) -> {
                if (ex == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(ex);
                }
            });
        } catch (RuntimeException ex) {
            f.completeExceptionally(ex);
        }
        return f;
    }
}
