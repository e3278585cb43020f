package dev.revive.notifier.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * API keys, the policy service's scheme: configured as SHA-256 hashes with a role
 * ({@code <sha256hex>:viewer|operator|admin} in {@code revive.api-keys}), sent as {@code Authorization: Bearer <key>}.
 * Reads need viewer or more (anonymous only when {@code revive.auth.anonymous-reads} is true), writes operator or
 * admin. {@code /q} (health, metrics, OpenAPI) is open.
 */
public class ApiKeyFilter {

    /** Request property holding the caller's role, for what a response may show. */
    public static final String ROLE = "revive.role";

    private final Map<String, String> roles = new HashMap<>();
    private final boolean anonymousReads;

    public ApiKeyFilter(@ConfigProperty(name = "revive.api-keys") Optional<List<String>> keys,
            @ConfigProperty(name = "revive.auth.anonymous-reads", defaultValue = "false") boolean anonymousReads) {
        for (String entry : keys.orElse(List.of())) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            if (colon > 0) {
                roles.put(e.substring(0, colon).toLowerCase(), e.substring(colon + 1).trim());
            }
        }
        this.anonymousReads = anonymousReads;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.equals("/q")) {
            return Optional.empty();
        }
        boolean read = ctx.getMethod().equals("GET") || ctx.getMethod().equals("HEAD");
        String header = ctx.getHeaderString("Authorization");
        String role = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            role = roles.get(sha256(header.substring(7).trim()));
        }
        if (role == null) {
            if (read && anonymousReads) {
                return Optional.empty();
            }
            return Optional.of(error(401, "an API key is required (Authorization: Bearer <key>)"));
        }
        boolean allowed = switch (role) {
            case "admin", "operator" -> true;
            case "viewer" -> read;
            default -> false;
        };
        if (!allowed) {
            return Optional.of(error(403, "role " + role + " may not do this"));
        }
        ctx.setProperty(ROLE, role);
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
