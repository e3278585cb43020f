package dev.revive.notifier.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.common.topic.Topics;
import dev.revive.notifier.dispatch.Dispatcher;
import dev.revive.notifier.ledger.IntakeWriter;
import dev.revive.notifier.ledger.LedgerErrors;
import dev.revive.notifier.ledger.NewNotification;
import dev.revive.notifier.ledger.RefusedByLedger;
import dev.revive.notifier.routing.Routes;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes requests off {@code revive.notifications} into the ledger. A record is acked (its offset may be committed)
 * only once its ledger rows are committed; an unreadable one is nacked and lands on {@code revive.notifications.dlq}
 * with the reason. While the database is down the record is retried here, never acked and never dead-lettered; a
 * record the ledger refuses for what it contains (a data error, see {@link LedgerErrors}) is dead-lettered with the
 * database's reason and intake goes on.
 */
@ApplicationScoped
public class NotificationConsumer {

    public static final String CHANNEL = "notifications";
    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

    private final IntakeWriter writer;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Routes routes;
    private volatile boolean stopping;

    NotificationConsumer(IntakeWriter writer, Dispatcher dispatcher, Clock clock, Routes routes) {
        this.writer = writer;
        this.routes = routes;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> m) {
        return Uni.createFrom().item(() -> {
            accept(m);
            return true;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    if (failure != null && stopping && !(failure instanceof EnvelopeException) && !(failure instanceof RefusedByLedger)) {
                        // Neither acked nor dead-lettered: the record is read again after the restart.
                        return Uni.createFrom().voidItem();
                    }
                    if (failure != null) {
                        LOG.warnf("dead-lettering a record of %s: %s", Topics.NOTIFICATIONS, failure.getMessage());
                        return Uni.createFrom().completionStage(m.nack(failure));
                    }
                    dispatcher.wake();
                    return Uni.createFrom().completionStage(m.ack());
                });
    }

    private void accept(Message<byte[]> m) {
        var meta = m.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new EnvelopeException("not a Kafka record"));
        RequestReader.Read read = RequestReader.read(meta.getHeaders(), m.getPayload(), routes.rules());
        var e = read.envelope();
        var r = e.data();
        String targetId = r.targetId() != null ? r.targetId() : e.subject();
        // The envelope comes cleaned from the reader: no control character reaches a text column.
        NewNotification n = new NewNotification(r.notificationId(), targetId, r.incidentId(), r.kind(), e.id(), e.type(),
                e.source(), e.time(), m.getPayload(), EnvelopeCodec.body(r), meta.getPartition(), meta.getOffset(),
                read.deliverTo(), read.rejected());
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                var outcome = writer.write(n, clock.instant());
                LOG.debugf("recorded %s: %s", n.notificationId(), outcome);
                return;
            } catch (SQLException ex) {
                if (LedgerErrors.isDataError(ex)) {
                    throw new RefusedByLedger("the ledger refused notification " + abbreviated(n.notificationId())
                            + " (SQLState " + ex.getSQLState() + "): " + ex.getMessage(), ex);
                }
                if (stopping) {
                    throw new IllegalStateException("shutting down with the ledger unavailable", ex);
                }
                LOG.errorf("ledger unavailable, retrying notification %s in %s: %s", n.notificationId(), pause, ex.getMessage());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the ledger is unavailable", ex);
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
            }
        }
    }

    private static String abbreviated(String id) {
        return id.length() <= 80 ? id : id.substring(0, 80) + "... (" + id.length() + " characters)";
    }

    void stopping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent ev) {
        stopping = true;
    }
}
