package dev.revive.policy.outbox;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** With the broker unreachable, a send waits for metadata; no event loop waits with it. */
@QuarkusTest
@TestProfile(OutboxRelayBrokerDownProfile.class)
class OutboxRelayBrokerDownIT {

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    OutboxRelay relay;
    @Inject
    MeterRegistry metrics;

    @Test
    void a_send_waiting_for_an_unreachable_broker_blocks_no_event_loop() {
        pool.preparedQuery("INSERT INTO outbox (topic, msg_key, ce_id, ce_type, ce_time, payload) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple(List.of(Topics.NOTIFICATIONS, "k", "broker-down-1", "dev.revive.notification.v1",
                        OffsetDateTime.now(), Buffer.buffer("{}"))))
                .await().atMost(Duration.ofSeconds(30));
        vertx.getOrCreateContext().runOnContext(() -> relay.wake());
        // The relay has handed the record to the producer (whose send now waits up to max-block, 3 min)...
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics.counter("revive.outbox.sends").count() >= 1);

        // ... and every event loop still runs what is submitted to it.
        AtomicInteger ran = new AtomicInteger();
        int loops = 0;
        for (EventExecutor loop : vertx.getDelegate().nettyEventLoopGroup()) {
            loops++;
            loop.execute(ran::incrementAndGet);
        }
        int all = loops;
        await().atMost(Duration.ofSeconds(20)).until(() -> ran.get() == all);
    }
}
