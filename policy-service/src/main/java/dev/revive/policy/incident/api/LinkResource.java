package dev.revive.policy.incident.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.incident.Phase;
import dev.revive.policy.security.LinkTokens;
import io.smallrye.mutiny.Uni;

/**
 * The hold/ack links of notifications. {@code GET} shows what the link will do (mail scanners follow links, so a
 * GET must change nothing); {@code POST} does it. The signed token is the authorization, until it expires or its
 * incident is resolved (then 410 Gone).
 */
@Path("/links/{token}")
@Produces(MediaType.APPLICATION_JSON)
public class LinkResource {

    @Inject
    LinkTokens tokens;
    @Inject
    IncidentService incidents;
    @Inject
    IncidentQueries queries;

    @GET
    public Uni<Response> show(@PathParam("token") String token) {
        LinkTokens.Grant g = tokens.verify(token);
        return queries.get(g.incidentId()).map(i -> {
            if (resolved(i)) {
                return gone(g, i);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("incidentId", g.incidentId());
            out.put("action", g.action());
            out.put("expiresAt", g.expiresAt());
            out.put("will", g.action().equals("hold") ? "stop the recovery ladder of this incident until released"
                    : "acknowledge this incident");
            if (i != null) {
                out.put("targetId", i.get("targetId"));
                out.put("phase", i.get("phase"));
            }
            return Response.ok(out).build();
        });
    }

    @POST
    public Uni<Response> act(@PathParam("token") String token) {
        LinkTokens.Grant g = tokens.verify(token);
        IncidentCommand c = switch (g.action()) {
            case "hold" -> new IncidentCommand.PlaceHold("link", "held from the notification link");
            case "ack" -> new IncidentCommand.Acknowledge("link");
            default -> null;
        };
        if (c == null) {
            return Uni.createFrom().item(Response.status(403).entity(Map.of("error", "unknown link action")).build());
        }
        return queries.get(g.incidentId()).chain(i -> {
            if (i == null) {
                return Uni.createFrom().item(Response.status(404).entity(Map.of("error", "no incident " + g.incidentId())).build());
            }
            if (resolved(i)) {
                return Uni.createFrom().item(gone(g, i));
            }
            return incidents.onIncident(g.incidentId(), c).map(d -> d == null
                    ? Response.status(404).entity(Map.of("error", "no incident " + g.incidentId())).build()
                    : Response.ok(IncidentResource.outcome(d)).build());
        });
    }

    /** A resolved incident's links are spent: whoever finds an old mail can neither act nor read through them. */
    private static boolean resolved(Map<String, Object> incident) {
        return incident != null && incident.get("phase") == Phase.RESOLVED;
    }

    private static Response gone(LinkTokens.Grant g, Map<String, Object> incident) {
        return Response.status(Response.Status.GONE).type(MediaType.APPLICATION_JSON).entity(Map.of("error", "incident "
                + g.incidentId() + " was resolved at " + incident.get("resolvedAt") + ": its " + g.action()
                + " link no longer works")).build();
    }
}
