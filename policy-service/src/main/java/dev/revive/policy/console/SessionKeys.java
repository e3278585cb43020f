package dev.revive.policy.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.policy.config.PolicyConfig;

/** The process's {@link ConsoleSessions}, made once from {@code revive.console.*} (a secret made at start when unset). */
@ApplicationScoped
public class SessionKeys {

    private final ConsoleSessions sessions;

    @Inject
    public SessionKeys(PolicyConfig config) {
        sessions = new ConsoleSessions(config.console().sessionSecret(), config.console().sessionTtl());
    }

    /** For the container's proxy. */
    protected SessionKeys() {
        sessions = null;
    }

    public ConsoleSessions sessions() {
        return sessions;
    }
}
