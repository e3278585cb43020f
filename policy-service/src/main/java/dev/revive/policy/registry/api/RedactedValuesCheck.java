package dev.revive.policy.registry.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.validation.Violation;

/** A spec read as a non-admin and written back would store the redaction marks in place of the secrets. */
@ApplicationScoped
public class RedactedValuesCheck implements TargetCheck {

    @Override
    public List<Violation> check(TargetSpec spec) {
        List<Violation> v = new ArrayList<>();
        spec.probe().headers().forEach((name, value) -> {
            if (value.contains(SpecRedaction.REDACTED)) {
                v.add(new Violation("probe.headers." + name, "is a redacted value (as a GET shows it to non-admins): send the real one"));
            }
        });
        return v;
    }
}
