package dev.revive.policy.registry.api;

import java.util.List;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.validation.Violation;

/**
 * One more check of a target written over REST (create, replace, import), beyond the spec's own rules: a CDI bean
 * implementing it is picked up by {@link TargetValidation}. It runs on a worker thread, after the spec's own checks
 * passed, and may block briefly; its violations name fields of the spec ({@code recovery.steps[0].params.command}).
 */
public interface TargetCheck {

    List<Violation> check(TargetSpec spec);
}
