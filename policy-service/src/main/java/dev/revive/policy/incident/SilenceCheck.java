package dev.revive.policy.incident;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/** Whether an active silence covers a target now, read in the decision's session (implemented by the silences). */
public interface SilenceCheck {

    Uni<Boolean> covers(Mutiny.StatelessSession s, String targetId, List<String> tags);
}
