package dev.revive.policy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.revive.policy.config.PolicyConfig;

/**
 * API keys: configured as SHA-256 hashes with a role ({@code <sha256hex>:operator|admin}), sent as
 * {@code Authorization: Bearer <key>}. Writes need operator or admin ({@code /admin} needs admin); reads are
 * anonymous when {@code revive.auth.anonymous-reads} is true. {@code /links} carry their own signed token and
 * {@code /q} (health, metrics, OpenAPI) is open.
 */
public class ApiKeyFilter {

    /** Request property holding who is calling, for the audit trail ({@code by} of holds and acks). */
    public static final String PRINCIPAL = "revive.principal";

    private final Map<String, String> roles = new HashMap<>();
    private final boolean anonymousReads;

    @Inject
    public ApiKeyFilter(PolicyConfig config) {
        for (String entry : config.apiKeys().orElse(java.util.List.of())) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            if (colon > 0) {
                roles.put(e.substring(0, colon).toLowerCase(), e.substring(colon + 1).trim());
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
                return Optional.empty();
            }
            return Optional.of(error(401, "an API key is required (Authorization: Bearer <key>)"));
        }
        boolean allowed = path.startsWith("/admin") ? role.equals("admin") : role.equals("admin") || role.equals("operator");
        if (!allowed) {
            return Optional.of(error(403, "role " + role + " may not do this"));
        }
        ctx.setProperty(PRINCIPAL, role + ":" + hash.substring(0, 8));
        return Optional.empty();
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
