package dev.revive.policy.incident;

/** Where an open incident stands on its ladder. */
public enum Phase {
    /** No incident yet (an empty stream). */
    NONE,
    /** Opened; waiting for the grace period (or a release) before the first action. */
    GRACE,
    /** An action is due but blocked (hold, guard) until someone or something releases it. */
    PENDING,
    /** A recovery command is in flight; waiting for its result. */
    RUNNING,
    /** The step's action is done; waiting for the target to come back within the verification window. */
    VERIFYING,
    /** Automation is over (ladder exhausted, needs a human, or a WARNING that never acts): notify only. */
    STOPPED,
    /** The incident is over. */
    RESOLVED
}
