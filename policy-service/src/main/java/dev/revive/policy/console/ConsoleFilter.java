package dev.revive.policy.console;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.revive.policy.security.ApiKeyFilter;

/**
 * The console's access rules ({@code /ui}): a signed session cookie ({@link ConsoleSessions}) or the login page.
 * Without a session a page redirects to the login and anything else gets 401; every request that changes something
 * needs an operator (or admin) session and the session's CSRF token in {@code X-CSRF-Token} (the console's pages
 * send it with each request; the cookie itself is SameSite=Strict and HttpOnly). The session's role and principal
 * become the request's, as {@link ApiKeyFilter} sets them for API keys, so the API's resources run unchanged.
 */
public class ConsoleFilter {

    public static final String SESSION = "revive.console.session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    SessionKeys keys;

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (!(path.equals("/ui") || path.startsWith("/ui/")) || path.equals("/ui/login")) {
            return Optional.empty();
        }
        Cookie c = ctx.getCookies().get(ConsoleSessions.COOKIE);
        ConsoleSessions sessions = keys.sessions();
        Optional<ConsoleSessions.Session> s = sessions.read(c == null ? null : c.getValue(), Instant.now());
        boolean read = "GET".equals(ctx.getMethod()) || "HEAD".equals(ctx.getMethod());
        if (s.isEmpty()) {
            if (read && !path.equals("/ui/stream")) {
                return Optional.of(Response.seeOther(URI.create("/ui/login")).build());
            }
            return Optional.of(error(401, "sign in first (/ui/login)"));
        }
        ConsoleSessions.Session session = s.get();
        if (!read) {
            if (!sessions.csrfMatches(session, ctx.getHeaderString(CSRF_HEADER)) && !path.equals("/ui/logout")) {
                return Optional.of(error(403, "the form's CSRF token is missing or wrong: reload the page"));
            }
            if (!session.operator() && !path.equals("/ui/logout")) {
                return Optional.of(error(403, "role " + session.role().label() + " may not change anything"));
            }
        }
        ctx.setProperty(SESSION, session);
        ctx.setProperty(ApiKeyFilter.PRINCIPAL, "console:" + session.principal());
        ctx.setProperty(ApiKeyFilter.ROLE, session.role().label());
        return Optional.empty();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
