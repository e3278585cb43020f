package dev.revive.policy.db;

import java.util.Optional;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A transaction whose BEGIN is pipelined with the work's first statements (one round trip fewer than
 * {@code Pool.withTransaction}, which waits for BEGIN before running anything). COMMIT follows the work; any
 * failure rolls back before the connection goes back to the pool.
 */
public final class Transactions {

    private Transactions() {
    }

    public static <T> Uni<T> run(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(c -> Uni.combine().all()
                .unis(c.query("BEGIN").execute().replaceWith(Boolean.TRUE), Uni.createFrom().deferred(() -> work.apply(c))
                        .map(Optional::ofNullable))
                .asTuple()
                .chain(t -> c.query("COMMIT").execute().map(x -> t.getItem2().orElse(null)))
                .onFailure().call(() -> c.query("ROLLBACK").execute().onFailure().recoverWithNull()));
    }
}
