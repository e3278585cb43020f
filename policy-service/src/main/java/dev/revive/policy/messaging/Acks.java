package dev.revive.policy.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/** Ack/nack of SmallRye messages as Unis, for consumers that return {@code Uni<Void>}. */
public final class Acks {

    private Acks() {
    }

    public static Uni<Void> ack(Message<?> m) {
        return Uni.createFrom().completionStage(m.ack());
    }

    /** With {@code failure-strategy=dead-letter-queue}, the record goes to the DLQ with the reason header. */
    public static Uni<Void> nack(Message<?> m, Throwable reason) {
        return Uni.createFrom().completionStage(m.nack(reason));
    }
}
