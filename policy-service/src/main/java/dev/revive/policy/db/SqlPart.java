package dev.revive.policy.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * One native data-modifying SQL statement with its positional ({@code ?}) parameters, in order. The table that owns
 * the rows builds it; {@link #atomically} runs several as one statement (data-modifying CTEs), so a decision that
 * writes four tables costs one round trip inside its Hibernate Reactive session instead of four: a session runs one
 * statement at a time, and Hibernate Reactive does not pipeline.
 *
 * @param expectOne null, or what the part is (for the error) when it must change exactly one row: its SQL then ends
 *        with {@code RETURNING 1}, and {@link #atomically} fails the whole statement otherwise
 */
public record SqlPart(String sql, List<Object> params, String expectOne) {

    public SqlPart {
        params = Collections.unmodifiableList(new ArrayList<>(params)); // may hold nulls: List.copyOf cannot
    }

    public SqlPart(String sql, List<Object> params) {
        this(sql, params, null);
    }

    /** Runs this statement alone, through the session; the number of rows it changed. */
    public Uni<Integer> execute(Mutiny.StatelessSession s) {
        return bind(s.createNativeQuery(sql), params).executeUpdate();
    }

    /** Binds positional ({@code ?}) parameters in order: for native reads as well as these statements. */
    public static <Q extends Mutiny.AbstractQuery> Q bind(Q q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q;
    }

    /**
     * The parts as one statement: PostgreSQL runs every data-modifying CTE to completion, atomically (the whole
     * fails when one part violates a constraint), whether or not anything reads it. The parts must not touch the same
     * row twice. A part that {@link #expectOne expects one row} and changed none fails the statement with
     * serialization_failure (40001, {@code revive_expect_one} in V4__statement_checks.sql).
     */
    public static Uni<Void> atomically(Mutiny.StatelessSession s, List<SqlPart> parts) {
        if (parts.size() == 1 && parts.get(0).expectOne() == null) {
            return parts.get(0).execute(s).replaceWithVoid();
        }
        StringBuilder text = new StringBuilder("WITH ");
        List<Object> params = new ArrayList<>();
        StringBuilder checks = new StringBuilder();
        List<Object> checkParams = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            SqlPart p = parts.get(i);
            text.append(i == 0 ? "" : ", ").append('w').append(i).append(" AS (").append(p.sql()).append(')');
            params.addAll(p.params());
            if (p.expectOne() != null) {
                checks.append(checks.isEmpty() ? "" : ", ").append("revive_expect_one((SELECT count(*) FROM w").append(i)
                        .append("), ?)");
                checkParams.add(p.expectOne());
            }
        }
        text.append(" SELECT ").append(checks.isEmpty() ? "true" : checks);
        params.addAll(checkParams);
        return bind(s.createNativeQuery(text.toString()), params).getResultList().replaceWithVoid();
    }

    /** {@code group} (a VALUES row such as {@code "(?, ?)"}) {@code count} times, comma-separated. */
    public static String values(int count, String group) {
        return String.join(", ", Collections.nCopies(count, group));
    }
}
