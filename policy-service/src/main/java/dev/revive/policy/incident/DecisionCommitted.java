package dev.revive.policy.incident;

import java.util.List;

import dev.revive.common.contract.IncidentEvent;

/**
 * A decision's writes committed: the one seam through which other features react to what the ladder decided (the
 * outbox relay publishes at once, a drill lifts its fault, the original instance's watch starts or ends), fired
 * synchronously as a CDI event, so that the incident feature calls none of them by name.
 *
 * @param events the events the decision appended, in order
 */
public record DecisionCommitted(List<IncidentEvent> events) {
}
