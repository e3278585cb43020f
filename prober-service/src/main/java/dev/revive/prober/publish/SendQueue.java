package dev.revive.prober.publish;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Hands records to the Kafka producer from one thread of its own, so that no event loop ever waits in
 * {@code KafkaProducer.send}: with the broker down, {@code send} blocks until the partition's metadata is back (up to
 * {@code max.block.ms}, 60 s). Before this, a broker restart stalled the event loop for 16 s in a fault drill, and
 * every probe on that loop with it. The queue is bounded: when it is full (a long broker outage) a record is dropped
 * and counted, and a warning says how many, at most every 10 s.
 */
public final class SendQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SendQueue.class);

    private record Item(ProducerRecord<String, byte[]> record, Callback callback) {
    }

    private static final Item STOP = new Item(null, null);

    private final Producer<String, byte[]> producer;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final String name;
    private volatile long lastWarning;
    private volatile boolean closed;

    public SendQueue(Producer<String, byte[]> producer, int capacity, String name) {
        this.producer = producer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.name = name;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /** Queues a record; false (and counted) when the queue is full or closed. Never blocks. */
    public boolean send(ProducerRecord<String, byte[]> record, Callback callback) {
        if (!closed && queue.offer(new Item(record, callback))) {
            return true;
        }
        long n = dropped.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastWarning > TimeUnit.SECONDS.toNanos(10)) {
            lastWarning = now;
            LOG.warnf("%s: %d record(s) dropped so far, the broker has not taken them fast enough (queue of %d full%s)",
                    name, n, queue.size(), closed ? ", closed" : "");
        }
        return false;
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Records waiting for the producer. */
    public int pending() {
        return queue.size();
    }

    private void run() {
        while (true) {
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP) {
                return;
            }
            try {
                producer.send(item.record(), item.callback());
            } catch (RuntimeException e) { // closed producer, serialization, a send timeout: the record is lost, say so
                if (item.callback() != null) {
                    item.callback().onCompletion(null, e);
                } else {
                    LOG.warnf("%s: could not send to %s: %s", name, item.record().topic(), e.toString());
                }
            }
        }
    }

    /** Sends what is queued (waiting up to {@code drain}), then stops the thread; the producer stays open. */
    public void close(Duration drain) {
        closed = true;
        long deadline = System.nanoTime() + drain.toNanos();
        try {
            while (!queue.offer(STOP, 50, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    thread.interrupt();
                    return;
                }
            }
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
