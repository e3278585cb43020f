package dev.revive.policy.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.policy.db.Transactions;
import dev.revive.policy.it.PolicyTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/** Two guards on one database, as two replicas: their DOWNs add up. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class BlastRadiusGuardIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    Transactions tx;
    @Inject
    IncidentReadModel readModel;

    BlastRadiusGuard replicaA;
    BlastRadiusGuard replicaB;

    @BeforeEach
    void fresh() {
        pool.query("DELETE FROM blast_guard_downs").execute().await().atMost(WAIT);
        pool.query("UPDATE blast_guard SET downs = 0").execute().await().atMost(WAIT);
        replicaA = new BlastRadiusGuard(tx, 0.3, 4, Duration.ofMinutes(1));
        replicaB = new BlastRadiusGuard(tx, 0.3, 4, Duration.ofMinutes(1));
    }

    BlastRadiusGuard.State down(BlastRadiusGuard g, String target) {
        return g.recordDown(target, 10).await().atMost(WAIT);
    }

    @Test
    void two_replicas_each_under_the_share_together_over_it_hold_actions_and_tell_once() {
        assertThat(down(replicaA, "a").suspect()).isFalse();
        assertThat(down(replicaB, "b").suspect()).isFalse();
        assertThat(down(replicaA, "c").suspect()).isFalse();
        // 4 of 10 > 30 %: replica B has seen 2 of them, replica A 2; the shared memory holds all 4.
        BlastRadiusGuard.State tripped = down(replicaB, "d");
        assertThat(tripped.recentDowns()).isEqualTo(4);
        assertThat(tripped.suspect()).isTrue();
        assertThat(tripped.trippedNow()).isTrue();
        BlastRadiusGuard.State after = down(replicaA, "e");
        assertThat(after.suspect()).isTrue();
        assertThat(after.trippedNow()).isFalse(); // told once, by whichever replica tripped it
        // The same target down again is still one target.
        assertThat(down(replicaA, "e").recentDowns()).isEqualTo(5);
        // What a decision's context reads (a timer's step, a result's next step) counts them too.
        assertThat(tx.read(s -> readModel.facts(s, "a", List.of(), Instant.now())).await().atMost(WAIT).recentDowns())
                .isEqualTo(5);
    }

    @Test
    void a_down_recorded_while_another_replicas_is_not_committed_yet_counts_it() throws Exception {
        CompletableFuture<BlastRadiusGuard.State> b = new CompletableFuture<>();
        // Replica A records its DOWN in a transaction that stays open until replica B waits for A's row lock.
        BlastRadiusGuard.State a = tx.run(s -> replicaA.recordDown(s, "a", 10).call(() -> {
            replicaB.recordDown("b", 10).subscribe().with(b::complete, b::completeExceptionally);
            io.vertx.core.Context session = io.vertx.core.Vertx.currentContext(); // A's session continues there
            return Uni.createFrom().item(() -> {
                await().atMost(WAIT).until(() -> pool.query("SELECT count(*) FROM pg_locks WHERE NOT granted").execute()
                        .await().atMost(WAIT).iterator().next().getLong(0) > 0);
                return true;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(r -> session.runOnContext(x -> r.run()));
        })).await().atMost(WAIT);
        assertThat(a.recentDowns()).isEqualTo(1);
        // B waited for A's commit, and then counts A's DOWN: the UPDATE is evaluated again on the row A committed.
        assertThat(b.get(30, TimeUnit.SECONDS).recentDowns()).isEqualTo(2);
    }

    @Test
    void downs_older_than_the_window_do_not_count() {
        pool.query("INSERT INTO blast_guard_downs (target_id, at) SELECT t, now() - interval '2 minutes' "
                + "FROM unnest(ARRAY['w', 'x', 'y', 'z']) AS t").execute().await().atMost(WAIT);
        pool.query("UPDATE blast_guard SET downs = 4").execute().await().atMost(WAIT);
        BlastRadiusGuard.State s = down(replicaB, "v");
        assertThat(s.recentDowns()).isEqualTo(1);
        assertThat(s.suspect()).isFalse();
    }

    @Test
    void a_fleet_below_the_minimum_never_trips() {
        for (String t : new String[] {"a", "b", "c"}) {
            assertThat(replicaA.recordDown(t, 3).await().atMost(WAIT).suspect()).isFalse();
        }
    }
}
