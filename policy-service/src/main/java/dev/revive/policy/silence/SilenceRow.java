package dev.revive.policy.silence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code silences}; mapped explicitly to and from the API's {@link Silence}. */
@Entity
@Table(name = "silences")
public class SilenceRow {

    @Id
    @Column(name = "id")
    public String id;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "tag")
    public String tag;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "reason")
    public String reason;
    @Column(name = "created_by")
    public String createdBy;

    static SilenceRow of(Silence s) {
        SilenceRow r = new SilenceRow();
        r.id = s.id();
        r.targetId = s.targetId();
        r.tag = s.tag();
        r.startsAt = s.startsAt();
        r.endsAt = s.endsAt();
        r.reason = s.reason();
        r.createdBy = s.createdBy();
        return r;
    }

    Silence toSilence() {
        return new Silence(id, targetId, tag, startsAt, endsAt, reason, createdBy);
    }
}
