package dev.revive.prober.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * API keys, the policy service's scheme: configured as SHA-256 hashes with a role ({@code <sha256hex>:operator|admin},
 * {@code revive.api-keys}), sent as {@code Authorization: Bearer <key>}. Probing on demand and re-arming a drift
 * baseline need operator or admin (a re-armed baseline accepts whatever the page shows now, a defacement included);
 * reads need a key too unless {@code revive.auth.anonymous-reads} (default off). {@code /q} (health, metrics,
 * OpenAPI) is open.
 */
public class ApiKeyFilter {

    private final Map<String, String> roles = new HashMap<>();
    private final boolean anonymousReads;

    @Inject
    public ApiKeyFilter(@ConfigProperty(name = "revive.api-keys") Optional<List<String>> keys,
            @ConfigProperty(name = "revive.auth.anonymous-reads", defaultValue = "false") boolean anonymousReads) {
        for (String entry : keys.orElse(List.of())) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            if (colon > 0) {
                roles.put(e.substring(0, colon).trim().toLowerCase(Locale.ROOT), e.substring(colon + 1).trim());
            }
        }
        this.anonymousReads = anonymousReads;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/q/")) {
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
        if (!role.equals("admin") && !role.equals("operator")) {
            return Optional.of(error(403, "role " + role + " may not do this"));
        }
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
