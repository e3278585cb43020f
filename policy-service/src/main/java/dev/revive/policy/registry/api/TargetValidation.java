package dev.revive.policy.registry.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.validation.AddressRules;
import dev.revive.common.validation.TargetSpecValidator;
import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.config.PolicyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Everything a target written over REST must pass: the spec's own rules and bounds, the operator's address rules (names
 * looked up: a blocking call, so all of it runs on a worker thread), the verification window against this service's
 * flap hold-down, then every {@link TargetCheck} bean.
 */
@ApplicationScoped
public class TargetValidation {

    private final TargetSpecValidator.Rules rules;
    private final Vertx vertx;
    private final Instance<TargetCheck> checks;

    @Inject
    public TargetValidation(PolicyConfig config, Vertx vertx, Instance<TargetCheck> checks) {
        this.rules = new TargetSpecValidator.Rules(
                new AddressRules(config.targets().allowLoopback(), config.targets().allowPrivate(), AddressRules.Resolver.SYSTEM),
                config.detection().flapHoldDown(), config.detection().flapChanges());
        this.vertx = vertx;
        this.checks = checks;
    }

    /** Fails with a {@link ValidationException} naming every field that is wrong. */
    public Uni<TargetSpec> requireValid(TargetSpec spec) {
        return violations(java.util.Collections.singletonList(spec), i -> "").map(v -> {
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            return spec;
        });
    }

    /** The violations of every spec, each field prefixed with {@code prefix.apply(index)} (e.g. {@code targets[3].}). */
    public Uni<List<Violation>> violations(List<TargetSpec> specs, IntFunction<String> prefix) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> {
            List<Violation> out = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                String p = prefix.apply(i);
                for (Violation v : check(specs.get(i))) {
                    out.add(p.isEmpty() ? v : new Violation(v.field().equals("$") ? p.substring(0, p.length() - 1) : p + v.field(),
                            v.message()));
                }
            }
            return out;
        }, false).toCompletionStage());
    }

    private List<Violation> check(TargetSpec spec) {
        List<Violation> v = TargetSpecValidator.validate(spec, rules);
        if (v.isEmpty()) {
            for (TargetCheck c : checks) {
                v.addAll(c.check(spec));
            }
        }
        return v;
    }
}
