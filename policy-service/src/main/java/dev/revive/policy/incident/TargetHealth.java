package dev.revive.policy.incident;

/** What detection currently says of a target, as a decision needs it (implemented by detection). */
public interface TargetHealth {

    /** Whether the target's current verdict is UP (a decision verifies a step against it). */
    boolean isUp(String targetId);
}
