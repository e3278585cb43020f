package dev.revive.prober.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.revive.common.security.ApiKeys;

/**
 * API keys, the scheme of every Revive service ({@link ApiKeys}, {@code revive.api-keys}). Probing on demand and
 * re-arming a drift baseline need operator or admin (a re-armed baseline accepts whatever the page shows now, a
 * defacement included); reads need a key too unless {@code revive.auth.anonymous-reads} (default off). {@code /q}
 * (health, metrics, OpenAPI) is open.
 */
public class ApiKeyFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final ApiKeys keys;

    @Inject
    public ApiKeyFilter(@ConfigProperty(name = "revive.api-keys") Optional<List<String>> keys,
            @ConfigProperty(name = "revive.auth.anonymous-reads", defaultValue = "false") boolean anonymousReads) {
        this.keys = new ApiKeys(keys.orElse(List.of()), anonymousReads, LOG::warn);
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        if (ctx.getUriInfo().getPath().startsWith("/q/")) {
            return Optional.empty();
        }
        ApiKeys.Verdict v = keys.check(ctx.getMethod(), ctx.getHeaderString("Authorization"), false);
        return v.allowed() ? Optional.empty()
                : Optional.of(Response.status(v.status()).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("error", v.message())).build());
    }
}
