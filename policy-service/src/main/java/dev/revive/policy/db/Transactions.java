package dev.revive.policy.db;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Hibernate Reactive work, each unit on its own fresh, safe Vert.x sub-context. A Hibernate Reactive session is bound
 * to the Vert.x context that opened it and must not be shared: the Kafka consumers, the periodic timer and silence
 * ticks (root event-loop context) and REST calls all come here, some of them concurrently on one event loop, and
 * {@code SessionFactory.withTransaction} would otherwise reuse a session already stored in the caller's context. A
 * new duplicated context of the caller's event loop (or of any event loop when called from elsewhere) keeps each
 * unit isolated and on one thread. The work is handed to that context through its public API
 * ({@code runOnContext}): a task on the same event loop, no internal Vert.x API (see ADR 0010).
 *
 * <p>Stateless sessions: rows are written by explicit statements, in program order, so the statement that fails
 * (the append losing a race) is known, and nothing is dirty-checked or cached between decisions.
 */
@ApplicationScoped
public class Transactions {

    @Inject
    Mutiny.SessionFactory sessions;
    @Inject
    Vertx vertx;

    /** The work in one transaction: committed when its Uni succeeds, rolled back when it fails. */
    public <T> Uni<T> run(Function<Mutiny.StatelessSession, Uni<T>> work) {
        return onOwnContext(() -> sessions.withStatelessTransaction(work));
    }

    /** Reads outside an explicit transaction. */
    public <T> Uni<T> read(Function<Mutiny.StatelessSession, Uni<T>> work) {
        return onOwnContext(() -> sessions.withStatelessSession(work));
    }

    /**
     * Reads, then at most one write statement, in autocommit: no BEGIN and COMMIT round trips. For work whose
     * consistency comes from that one statement (atomic on its own) and its constraints, as an incident decision's
     * append at an expected version: what it read may have moved on, and the statement then fails instead.
     */
    public <T> Uni<T> autocommit(Function<Mutiny.StatelessSession, Uni<T>> work) {
        return read(work); // the same session without BEGIN; the name says what the work may do in it
    }

    private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(em -> {
            Context current = Vertx.currentContext();
            Context own = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(own, true);
            own.runOnContext(x -> {
                Uni<T> u;
                try {
                    u = work.get();
                } catch (RuntimeException e) {
                    em.fail(e);
                    return;
                }
                u.subscribe().with(em::complete, em::fail);
            });
        });
    }
}
