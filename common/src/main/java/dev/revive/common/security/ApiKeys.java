package dev.revive.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The API keys of a service and who may do what with them, the same in every service. Keys are configured as
 * SHA-256 hashes with a role ({@code <sha256hex>:viewer|operator|admin}, never the key itself) and sent as
 * {@code Authorization: Bearer <key>}. A viewer reads, an operator also writes, an admin also administers; a read
 * needs no key when anonymous reads are on (off by default), an administrative request always needs an admin key.
 */
public final class ApiKeys {

    /** What a key may do; each role may do what the one before it may. */
    public enum Role {
        VIEWER, OPERATOR, ADMIN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A caller with a known key: its role and the first characters of its hash (for the audit trail). */
    public record Caller(Role role, String hashPrefix) {
        public String principal() {
            return role.label() + ":" + hashPrefix;
        }
    }

    /**
     * What {@link #check} decided: allowed with a caller (null: anonymous), or refused with a status and a message.
     */
    public record Verdict(boolean allowed, Caller caller, int status, String message) {
        static Verdict allow(Caller c) {
            return new Verdict(true, c, 200, null);
        }

        static Verdict refuse(int status, String message) {
            return new Verdict(false, null, status, message);
        }
    }

    private final Map<String, Role> byHash = new HashMap<>();
    private final boolean anonymousReads;

    /**
     * @param entries        the configured {@code <sha256hex>:role} entries
     * @param anonymousReads whether a read needs no key
     * @param warn           told of an entry that is ignored (its role only: the entry may hold a key by mistake)
     */
    public ApiKeys(List<String> entries, boolean anonymousReads, Consumer<String> warn) {
        for (String entry : entries) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            String role = colon > 0 ? e.substring(colon + 1).trim() : "";
            Role r = switch (role) {
                case "viewer" -> Role.VIEWER;
                case "operator" -> Role.OPERATOR;
                case "admin" -> Role.ADMIN;
                default -> null;
            };
            if (r != null) {
                byHash.put(e.substring(0, colon).trim().toLowerCase(Locale.ROOT), r);
            } else if (!e.isEmpty()) {
                warn.accept("an API key entry with role '" + role + "' is ignored (roles: viewer, operator, admin)");
            }
        }
        this.anonymousReads = anonymousReads;
    }

    /**
     * @param method        the HTTP method (GET and HEAD read, everything else writes)
     * @param authorization the {@code Authorization} header, or null
     * @param administrative whether the request needs an admin key whatever its method
     */
    public Verdict check(String method, String authorization, boolean administrative) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        Role role = null;
        String hash = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            hash = sha256(authorization.substring(7).trim());
            role = byHash.get(hash);
        }
        if (role == null) {
            return read && anonymousReads && !administrative ? Verdict.allow(null)
                    : Verdict.refuse(401, "an API key is required (Authorization: Bearer <key>)");
        }
        boolean allowed = administrative ? role == Role.ADMIN : read || role != Role.VIEWER;
        return allowed ? Verdict.allow(new Caller(role, hash.substring(0, 8)))
                : Verdict.refuse(403, "role " + role.label() + " may not do this");
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
