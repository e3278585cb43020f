package dev.revive.policy.incident.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

/** Which failures make a decision run again (the whole read-decide-append transaction is retried). */
class TransientFailureTest {

    @Test
    void a_deadlock_or_serialization_failure_is_transient_wherever_it_sits_in_the_cause_chain() {
        var deadlock = new LockAcquisitionException("error executing SQL statement", new SQLException("deadlock detected", "40P01"));
        assertThat(EventStore.isTransient(deadlock)).isTrue();
        assertThat(EventStore.isTransient(new RuntimeException(deadlock))).isTrue();
        assertThat(EventStore.isTransient(new PgException("could not serialize access", "ERROR", "40001", null))).isTrue();
    }

    @Test
    void other_failures_are_not() {
        assertThat(EventStore.isTransient(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(EventStore.isUniqueViolation(new PgException("duplicate key", "ERROR", "23505", null))).isTrue();
        assertThat(EventStore.isTransient(new IllegalStateException("no"))).isFalse();
    }
}
