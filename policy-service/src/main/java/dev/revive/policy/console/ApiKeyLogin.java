package dev.revive.policy.console;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.common.security.ApiKeys;
import dev.revive.policy.config.PolicyConfig;

/** The console's sign-in: an API key of {@code revive.api-keys} (the same keys and roles as the REST API). */
@ApplicationScoped
public class ApiKeyLogin {

    private final ApiKeys keys;

    @Inject
    public ApiKeyLogin(PolicyConfig config) {
        keys = new ApiKeys(config.apiKeys().orElse(List.of()), false, m -> { });
    }

    /** The key's caller, or null when the key is not known. */
    public ApiKeys.Caller caller(String apiKey) {
        ApiKeys.Verdict v = keys.check("GET", "Bearer " + apiKey, false);
        return v.allowed() ? v.caller() : null;
    }
}
