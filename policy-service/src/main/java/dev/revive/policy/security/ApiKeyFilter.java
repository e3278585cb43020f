package dev.revive.policy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.revive.policy.config.PolicyConfig;

/**
 * API keys: configured as SHA-256 hashes with a role ({@code <sha256hex>:viewer|operator|admin}), sent as
 * {@code Authorization: Bearer <key>}. Reads need any role, writes operator or admin, {@code /admin} admin; reads need
 * no key when {@code revive.auth.anonymous-reads} is true (off by default). Only admin sees secrets in what is read
 * (see {@link #isAdmin}). {@code /links} carry their own signed token and {@code /q} (health, metrics, OpenAPI) is open.
 */
public class ApiKeyFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    /** Request property holding who is calling, for the audit trail ({@code by} of holds and acks). */
    public static final String PRINCIPAL = "revive.principal";
    /** Request property holding the caller's role: viewer, operator, admin, or anonymous. */
    public static final String ROLE = "revive.role";
    public static final List<String> ROLES = List.of("viewer", "operator", "admin");

    private final Map<String, String> roles = new HashMap<>();
    private final boolean anonymousReads;

    @Inject
    public ApiKeyFilter(PolicyConfig config) {
        for (String entry : config.apiKeys().orElse(List.of())) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            String role = colon > 0 ? e.substring(colon + 1).trim() : "";
            if (ROLES.contains(role)) {
                roles.put(e.substring(0, colon).toLowerCase(), role);
            } else if (!e.isEmpty()) {
                // The hash is no secret, but the key stays out of the log whatever the entry holds.
                LOG.warnf("revive.api-keys: an entry with role '%s' is ignored (roles: %s)", role, ROLES);
            }
        }
        anonymousReads = config.auth().anonymousReads();
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.startsWith("/links/") || path.equals("/links")) {
            return Optional.empty();
        }
        boolean read = ctx.getMethod().equals("GET") || ctx.getMethod().equals("HEAD");
        String header = ctx.getHeaderString("Authorization");
        String role = null;
        String hash = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            hash = sha256(header.substring(7).trim());
            role = roles.get(hash);
        }
        if (role == null) {
            if (read && anonymousReads && !path.startsWith("/admin")) {
                ctx.setProperty(ROLE, "anonymous");
                return Optional.empty();
            }
            return Optional.of(error(401, "an API key is required (Authorization: Bearer <key>)"));
        }
        boolean allowed = path.startsWith("/admin") ? role.equals("admin")
                : read || role.equals("admin") || role.equals("operator");
        if (!allowed) {
            return Optional.of(error(403, "role " + role + " may not do this"));
        }
        ctx.setProperty(PRINCIPAL, role + ":" + hash.substring(0, 8));
        ctx.setProperty(ROLE, role);
        return Optional.empty();
    }

    /** Whether the request was made with an admin key (the only role that sees secrets). */
    public static boolean isAdmin(ContainerRequestContext ctx) {
        return "admin".equals(ctx.getProperty(ROLE));
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
