package dev.revive.policy.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.revive.common.security.ApiKeys;
import dev.revive.policy.config.PolicyConfig;

/**
 * API keys, the scheme of every Revive service ({@link ApiKeys}): reads need any role, writes operator or admin,
 * {@code /admin} admin; reads need no key when {@code revive.auth.anonymous-reads} is true (off by default). Only
 * admin sees secrets in what is read (see {@link #isAdmin}). {@code /links} carry their own signed token,
 * {@code /q} (health, metrics, OpenAPI) is open, and the console and status page have their own rules
 * ({@link #consolePath}).
 */
public class ApiKeyFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    /** Request property holding who is calling, for the audit trail ({@code by} of holds and acks). */
    public static final String PRINCIPAL = "revive.principal";
    /** Request property holding the caller's role: viewer, operator, admin, or anonymous. */
    public static final String ROLE = "revive.role";

    private final ApiKeys keys;

    @Inject
    public ApiKeyFilter(PolicyConfig config) {
        keys = new ApiKeys(config.apiKeys().orElse(List.of()), config.auth().anonymousReads(),
                m -> LOG.warn("revive.api-keys: " + m));
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.startsWith("/links/") || path.equals("/links") || consolePath(path)) {
            return Optional.empty();
        }
        ApiKeys.Verdict v = keys.check(ctx.getMethod(), ctx.getHeaderString("Authorization"), path.startsWith("/admin"));
        if (!v.allowed()) {
            return Optional.of(Response.status(v.status()).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", v.message())).build());
        }
        if (v.caller() == null) {
            ctx.setProperty(ROLE, "anonymous");
        } else {
            ctx.setProperty(PRINCIPAL, v.caller().principal());
            ctx.setProperty(ROLE, v.caller().role().label());
        }
        return Optional.empty();
    }

    /**
     * The console ({@code /ui}: its own session cookie, see {@code ConsoleFilter}), the public status page
     * ({@code /status}) and the static files both use ({@code /webjars}, {@code /console-assets}).
     */
    public static boolean consolePath(String path) {
        return path.equals("/ui") || path.startsWith("/ui/") || path.equals("/status") || path.startsWith("/status/")
                || path.startsWith("/webjars/") || path.startsWith("/console-assets/");
    }

    /** Whether the request was made with an admin key (the only role that sees secrets). */
    public static boolean isAdmin(ContainerRequestContext ctx) {
        return "admin".equals(ctx.getProperty(ROLE));
    }

    public static String sha256(String s) {
        return ApiKeys.sha256(s);
    }
}
