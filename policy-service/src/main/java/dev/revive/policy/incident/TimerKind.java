package dev.revive.policy.incident;

/** The durable timers of an incident; at most one is pending at a time. */
public enum TimerKind {
    /** The grace period after opening: act when it ends, unless held. */
    GRACE,
    /** The command's result did not come before it expired: verify by probing. */
    RESULT,
    /** The verification window after a step: still down when it closes means the step failed. */
    VERIFY
}
