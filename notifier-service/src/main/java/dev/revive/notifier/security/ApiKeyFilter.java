package dev.revive.notifier.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.revive.common.security.ApiKeys;

/**
 * API keys, the scheme of every Revive service ({@link ApiKeys}, {@code revive.api-keys}): reads need viewer or more
 * (anonymous only when {@code revive.auth.anonymous-reads} is true), writes operator or admin. {@code /q} (health,
 * metrics, OpenAPI) is open.
 */
public class ApiKeyFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    /** Request property holding the caller's role (viewer, operator, admin; unset when anonymous). */
    public static final String ROLE = "revive.role";

    private final ApiKeys keys;

    public ApiKeyFilter(@ConfigProperty(name = "revive.api-keys") Optional<List<String>> keys,
            @ConfigProperty(name = "revive.auth.anonymous-reads", defaultValue = "false") boolean anonymousReads) {
        this.keys = new ApiKeys(keys.orElse(List.of()), anonymousReads, LOG::warn);
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.equals("/q")) {
            return Optional.empty();
        }
        ApiKeys.Verdict v = keys.check(ctx.getMethod(), ctx.getHeaderString("Authorization"), false);
        if (!v.allowed()) {
            return Optional.of(Response.status(v.status()).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", v.message())).build());
        }
        if (v.caller() != null) {
            ctx.setProperty(ROLE, v.caller().role().label());
        }
        return Optional.empty();
    }
}
