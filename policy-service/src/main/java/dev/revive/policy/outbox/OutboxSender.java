package dev.revive.policy.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.Counter;

/**
 * The relay's Kafka producer (acks=all, idempotent) and the one thread that calls it. {@code KafkaProducer.send}
 * blocks for up to {@code max.block.ms} when it has no metadata for the topic (broker unreachable) or its buffer is
 * full, so it is never called on a Vert.x event loop: a batch is handed to this thread, sent in order (one thread,
 * one producer: per-partition order and idempotence as before), and the outcome comes back through the broker's
 * callbacks. No polling: the hand-off is a queue the thread waits on.
 */
final class OutboxSender implements AutoCloseable {

    /** A row's record, or why none could be built from it (that is a poison row, parked). */
    record Outgoing(long id, String topic, String ceId, ProducerRecord<String, byte[]> record, RuntimeException unbuildable) {
    }

    /** A row's outcome: null failure when the broker acked it. */
    record Outcome(Outgoing row, Throwable failure) {
        boolean ok() {
            return failure == null;
        }

        /** Why the row can never be published (park it), or null when it went out or may go out on a retry. */
        String poisonReason() {
            return failure == null ? null : OutboxSender.poisonReason(failure);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    /** Sends attempted (a record handed to the producer), acked or not. */
    private final Counter sends;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "revive-outbox-send");
        t.setDaemon(true);
        return t;
    });

    /** @param kafka the service's {@code kafka.*} settings (security included); only producer settings are kept */
    OutboxSender(Map<String, Object> kafka, String bootstrap, Duration maxBlock, Counter sends) {
        this.sends = sends;
        Properties p = new Properties();
        kafka.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k) && v != null) {
                p.put(k, v.toString());
            }
        });
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "revive-policy-outbox");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlock.toMillis()));
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends the rows in order on the sender thread; completes (on a producer or the sender thread) once every row has
     * its outcome. Never blocks the caller.
     */
    CompletableFuture<List<Outcome>> sendAll(List<Outgoing> rows) {
        List<CompletableFuture<Outcome>> each = new ArrayList<>(rows.size());
        for (Outgoing r : rows) {
            each.add(new CompletableFuture<>());
        }
        CompletableFuture<List<Outcome>> all = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(x -> each.stream().map(CompletableFuture::join).toList());
        boolean queued = submit(() -> {
            for (int i = 0; i < rows.size(); i++) {
                Outgoing r = rows.get(i);
                CompletableFuture<Outcome> f = each.get(i);
                if (r.unbuildable() != null) {
                    f.complete(new Outcome(r, r.unbuildable()));
                    continue;
                }
                sends.increment();
                try {
                    producer.send(r.record(), (md, ex) -> f.complete(new Outcome(r, ex)));
                } catch (RuntimeException ex) {
                    f.complete(new Outcome(r, ex));
                }
            }
        });
        if (!queued) {
            all.completeExceptionally(new RejectedExecutionException("outbox sender stopped"));
        }
        return all;
    }

    private boolean submit(Runnable work) {
        try {
            thread.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        producer.close(Duration.ofSeconds(5));
        thread.shutdownNow();
    }

    /**
     * Why a send failure means the record can never be published, or null when a retry may succeed. Retriable errors
     * (timeouts, no leader, broker down) and errors of the whole producer or connection (authentication, cluster
     * authorization, producer fenced or out of sequence, a closed producer) are not the row's fault: the batch rolls
     * back and goes again. The rest — too large, not serializable, invalid topic, topic not authorized, a row the relay
     * cannot turn into a record — would fail forever and stop everything queued behind it.
     */
    static String poisonReason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        boolean poison;
        if (t instanceof RetriableException || t instanceof AuthenticationException || t instanceof ClusterAuthorizationException
                || t instanceof ProducerFencedException || t instanceof OutOfOrderSequenceException
                || t instanceof InvalidProducerEpochException || t instanceof UnknownProducerIdException) {
            poison = false;
        } else {
            poison = t instanceof ApiException || t instanceof SerializationException || t instanceof Unbuildable;
        }
        return poison ? t.getClass().getSimpleName() + ": " + t.getMessage() : null;
    }

    /** A row that cannot be turned into a record. */
    static final class Unbuildable extends RuntimeException {
        Unbuildable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
