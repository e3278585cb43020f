package dev.revive.prober.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queue in front of the producer: a producer stuck in send (broker down) never holds up the caller. */
class SendQueueTest {

    /** A producer whose send waits like KafkaProducer.send does while the partition's metadata is missing. */
    static final class StuckProducer extends MockProducer<String, byte[]> {
        final CountDownLatch brokerBack = new CountDownLatch(1);

        StuckProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            try { // outside MockProducer's monitor, so that history() can be read meanwhile
                brokerBack.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
        }
    }

    static ProducerRecord<String, byte[]> record(int i) {
        return new ProducerRecord<>("revive.health", "t" + i, new byte[] {(byte) i});
    }

    @Test
    // a send that blocked the caller would hang here: the guard, on its own thread, turns that into a failure
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void the_caller_never_waits_for_a_stuck_producer_and_a_full_queue_drops_and_counts() {
        StuckProducer producer = new StuckProducer();
        try (SendQueue q = new SendQueue(producer, 3, "test-send-queue")) {
            // the first record is taken by the sender thread, which then waits in send; 3 more fill the queue
            assertThat(q.send(record(0), null)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> q.pending() == 0);
            for (int i = 1; i <= 3; i++) {
                assertThat(q.send(record(i), null)).isTrue();
            }
            assertThat(q.send(record(4), null)).as("queue full: dropped, not blocking").isFalse();
            assertThat(q.dropped()).isEqualTo(1);
            assertThat(producer.history()).isEmpty();

            producer.brokerBack.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 4);
            List<String> keys = producer.history().stream().map(ProducerRecord::key).toList();
            assertThat(keys).containsExactly("t0", "t1", "t2", "t3");
        }
    }

    @Test
    void close_sends_what_is_queued_and_refuses_more() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        SendQueue q = new SendQueue(producer, 100, "test-send-queue-close");
        for (int i = 0; i < 50; i++) {
            q.send(record(i), null);
        }
        q.close(Duration.ofSeconds(10));
        assertThat(producer.history()).hasSize(50);
        assertThat(q.send(record(99), null)).isFalse();
        assertThat(q.dropped()).isEqualTo(1);
    }

    @Test
    void a_send_that_throws_reaches_the_callback() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        producer.close();
        Exception[] seen = new Exception[1];
        try (SendQueue q = new SendQueue(producer, 10, "test-send-queue-error")) {
            q.send(record(1), (md, ex) -> seen[0] = ex);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen[0] != null);
        }
        assertThat(seen[0]).isInstanceOf(IllegalStateException.class);
    }
}
