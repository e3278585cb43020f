package dev.revive.policy.incident.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.api.Bounds;
import dev.revive.policy.incident.Decision;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.incident.Timeline;
import dev.revive.policy.security.ApiKeyFilter;
import io.smallrye.mutiny.Uni;

/** Incidents: list, detail with timeline, and the people's commands (hold, release, ack, resolve). */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    /** Optional body of the write endpoints. */
    public record Note(String reason) {
        String checked() {
            List<Violation> v = new ArrayList<>();
            Bounds.note("reason", reason, Bounds.MAX_NOTE, v);
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            return reason;
        }
    }

    @Inject
    IncidentQueries queries;
    @Inject
    IncidentService incidents;

    @GET
    public Uni<List<Map<String, Object>>> list(@QueryParam("state") String state, @QueryParam("target") String target) {
        return queries.list(state, target);
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return queries.get(id).map(i -> i == null ? notFound(id) : Response.ok(i).build());
    }

    @POST
    @Path("{id}/hold")
    public Uni<Response> hold(@PathParam("id") String id, @Context ContainerRequestContext ctx, Note note) {
        return run(id, new IncidentCommand.PlaceHold(who(ctx), note == null ? null : note.checked()));
    }

    @POST
    @Path("{id}/release")
    public Uni<Response> release(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        return run(id, new IncidentCommand.ReleaseHold(who(ctx)));
    }

    @POST
    @Path("{id}/ack")
    public Uni<Response> ack(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        return run(id, new IncidentCommand.Acknowledge(who(ctx)));
    }

    @POST
    @Path("{id}/resolve")
    public Uni<Response> resolve(@PathParam("id") String id, @Context ContainerRequestContext ctx, Note note) {
        return run(id, new IncidentCommand.Resolve(who(ctx), note == null ? null : note.checked()));
    }

    Uni<Response> run(String id, IncidentCommand command) {
        return incidents.onIncident(id, command).map(d -> d == null ? notFound(id) : Response.ok(outcome(d)).build());
    }

    /** What a command did: the events it appended (none when it did not apply) and the resulting phase. */
    public static Map<String, Object> outcome(Decision d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incidentId", d.state().incidentId());
        out.put("changed", !d.isEmpty());
        out.put("phase", d.state().phase());
        out.put("held", d.state().held());
        out.put("events", d.events().stream().map(Timeline::describe).toList());
        return out;
    }

    private static String who(ContainerRequestContext ctx) {
        Object p = ctx.getProperty(ApiKeyFilter.PRINCIPAL);
        return p == null ? "anonymous" : p.toString();
    }

    private static Response notFound(String id) {
        return Response.status(404).entity(Map.of("error", "no incident " + id)).build();
    }
}
