package dev.revive.policy.silence.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.api.Bounds;
import dev.revive.policy.security.ApiKeyFilter;
import dev.revive.policy.silence.Silence;
import dev.revive.policy.silence.SilenceService;
import io.smallrye.mutiny.Uni;

/** Silences (maintenance windows) by target id or tag: create, list the current ones, show, delete. */
@Path("/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

    /** A new silence: exactly one of {@code targetId} or {@code tag}; {@code startsAt} defaults to now. */
    public record NewSilence(String targetId, String tag, Instant startsAt, Instant endsAt, String reason) {
    }

    /** The longest silence: a maintenance window, not a way to switch a target off (delete it for that). */
    public static final Duration MAX_LENGTH = Duration.ofDays(90);
    /** How far ahead a silence may start. */
    public static final Duration MAX_AHEAD = Duration.ofDays(365);

    @Inject
    SilenceService silences;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NewSilence body, @Context ContainerRequestContext ctx) {
        List<Violation> bad = new ArrayList<>();
        if (body == null) {
            throw new ValidationException(List.of(new Violation("", "a body is required")));
        }
        boolean byTarget = body.targetId() != null && !body.targetId().isBlank();
        boolean byTag = body.tag() != null && !body.tag().isBlank();
        if (byTarget == byTag) {
            bad.add(new Violation("targetId", "name exactly one of targetId or tag"));
        }
        Bounds.line("targetId", body.targetId(), Bounds.MAX_ID, bad);
        Bounds.line("tag", body.tag(), Bounds.MAX_ID, bad);
        Bounds.note("reason", body.reason(), Bounds.MAX_NOTE, bad);
        Instant now = Instant.now();
        Instant start = body.startsAt() == null ? now : body.startsAt();
        if (start.isAfter(now.plus(MAX_AHEAD)) || start.isBefore(now.minus(MAX_AHEAD))) {
            bad.add(new Violation("startsAt", "must be within " + MAX_AHEAD.toDays() + " days of now"));
        } else if (body.endsAt() == null) {
            bad.add(new Violation("endsAt", "is required"));
        } else if (!body.endsAt().isAfter(start)) {
            bad.add(new Violation("endsAt", "must be after startsAt"));
        } else if (Duration.between(start, body.endsAt()).compareTo(MAX_LENGTH) > 0) {
            bad.add(new Violation("endsAt", "must be at most " + MAX_LENGTH.toDays() + " days after startsAt"));
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(bad);
        }
        Object who = ctx.getProperty(ApiKeyFilter.PRINCIPAL);
        return silences.create(byTarget ? body.targetId() : null, byTag ? body.tag() : null, start, body.endsAt(), body.reason(),
                who == null ? null : who.toString())
                .map(s -> Response.created(URI.create("/silences/" + s.id())).entity(s).build());
    }

    @GET
    public Uni<List<Silence>> list() {
        return silences.current();
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return silences.get(id).map(s -> s == null ? notFound(id) : Response.ok(s).build());
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return silences.delete(id).map(deleted -> deleted ? Response.noContent().build() : notFound(id));
    }

    private static Response notFound(String id) {
        return Response.status(404).entity(Map.of("error", "no silence " + id)).build();
    }
}
