package dev.revive.policy.silence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/** The {@code silences} table (entity {@link SilenceRow}). */
@ApplicationScoped
public class SilenceStore {

    public Uni<Void> insert(Mutiny.StatelessSession s, Silence silence) {
        return s.insert(SilenceRow.of(silence));
    }

    public Uni<Boolean> delete(Mutiny.StatelessSession s, String id) {
        return s.createMutationQuery("delete from SilenceRow s where s.id = :id").setParameter("id", id).executeUpdate()
                .map(n -> n > 0);
    }

    /** Every silence not yet over, soonest first. */
    public Uni<List<Silence>> current(Mutiny.StatelessSession s) {
        return s.createSelectionQuery("from SilenceRow s where s.endsAt > current_instant order by s.startsAt, s.id", SilenceRow.class)
                .getResultList()
                .map(rows -> rows.stream().map(SilenceRow::toSilence).toList());
    }

    public Uni<Silence> get(Mutiny.StatelessSession s, String id) {
        return s.get(SilenceRow.class, id).map(r -> r == null ? null : r.toSilence());
    }

    /** An active silence that covers the target (by its id or one of its tags) at the database's now, or null. */
    public Uni<Silence> covering(Mutiny.StatelessSession s, String targetId, List<String> tags) {
        String byTag = tags.isEmpty() ? "" : " or s.tag in (:tags)";
        var q = s.createSelectionQuery("from SilenceRow s where s.startsAt <= current_instant "
                + "and s.endsAt > current_instant and (s.targetId = :target" + byTag + ") order by s.endsAt desc, s.id", SilenceRow.class)
                .setParameter("target", targetId).setMaxResults(1);
        if (!tags.isEmpty()) {
            q.setParameter("tags", tags);
        }
        return q.getSingleResultOrNull().map(r -> r == null ? null : r.toSilence());
    }

    /** Whether an active silence covers the target (by its id or one of its tags) at the database's now. */
    public Uni<Boolean> covers(Mutiny.StatelessSession s, String targetId, List<String> tags) {
        String byTag = tags.isEmpty() ? "" : " or s.tag in (:tags)";
        var q = s.createSelectionQuery("select count(s) from SilenceRow s where s.startsAt <= current_instant "
                + "and s.endsAt > current_instant and (s.targetId = :target" + byTag + ")", Long.class)
                .setParameter("target", targetId);
        if (!tags.isEmpty()) {
            q.setParameter("tags", tags);
        }
        return q.getSingleResult().map(n -> n > 0);
    }
}
