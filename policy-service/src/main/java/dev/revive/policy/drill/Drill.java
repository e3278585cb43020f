package dev.revive.policy.drill;

import java.time.Instant;

/**
 * One drill: a deliberate outage of a target, to see whether and how fast the loop closes.
 *
 * @param incidentId    the target's first incident opened after the drill started (null until there is one)
 * @param stopCommandId for {@code stop-target}: the signed command that stops the target
 * @param stopStatus    for {@code stop-target}: the actuator's result status of that command (null until it answers)
 * @param endedAt       when the drill reached CLOSED or NOT_CLOSED
 * @param outcome       one human line on how it ended
 */
public record Drill(String id, String targetId, Mode mode, State state, Instant startedAt, Instant deadline,
        String incidentId, String stopCommandId, String stopStatus, String stopReason, Instant endedAt, String outcome,
        String createdBy) {

    public enum State { RUNNING, CLOSED, NOT_CLOSED }

    public enum Mode {
        /** Detection counts the target's probe results as failures until the drill's first step has returned. */
        FAIL_PROBES("fail-probes"),
        /** The target's {@code drill.stop} action is sent to the actuator: a real outage. */
        STOP_TARGET("stop-target");

        private final String wire;

        Mode(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The mode for its wire name, or null. */
        public static Mode lookup(String wire) {
            for (Mode m : values()) {
                if (m.wire.equals(wire)) {
                    return m;
                }
            }
            return null;
        }
    }

    public Drill with(State s, String incident, Instant ended, String why) {
        return new Drill(id, targetId, mode, s, startedAt, deadline, incident, stopCommandId, stopStatus, stopReason, ended, why,
                createdBy);
    }
}
