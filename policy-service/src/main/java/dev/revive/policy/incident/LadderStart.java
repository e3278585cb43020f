package dev.revive.policy.incident;

/**
 * Whether a target's next incident starts the ladder at step 1 whatever its reset window says: a drill's outage is
 * deliberate, not the target going down again (implemented by the drills).
 */
public interface LadderStart {

    boolean startsAtStepOne(String targetId);
}
