package dev.revive.policy.drill.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.api.Bounds;
import dev.revive.policy.drill.Drill;
import dev.revive.policy.drill.Drill.Mode;
import dev.revive.policy.drill.DrillJudge;
import dev.revive.policy.drill.DrillService;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.incident.Ladder;
import dev.revive.policy.security.ApiKeyFilter;
import dev.revive.policy.registry.TargetRegistry;
import io.smallrye.mutiny.Uni;

/** Drills through the API: a deliberate outage of one target, and whether and how fast the loop closed. */
@Path("/drills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drills", description = "break a target on purpose and time the loop: opened, notified, step, verified, resolved")
public class DrillResource {

    static final int DEFAULT_TIMEOUT_SECONDS = 300;
    static final int MAX_TIMEOUT_SECONDS = 86_400;

    /**
     * @param targetId       the target to break
     * @param mode           {@code fail-probes} (detection counts its probes as failures until the first step returns)
     *                       or {@code stop-target} (its {@code drill.stop} action runs on the actuator)
     * @param timeoutSeconds how long the loop may take to close (default 300)
     */
    public record NewDrill(String targetId, String mode, Integer timeoutSeconds) {
    }

    @Inject
    DrillService drills;
    @Inject
    TargetRegistry registry;
    @Inject
    IncidentService incidents;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a drill", description = "fail-probes: the target's probe results count as failures from now "
            + "until the first recovery step of the drill's incident has returned its result (a simulated outage that the "
            + "step cures; the step really runs). stop-target: the target's drill.stop action is sent to the actuator as a "
            + "signed command (a real outage). A drill obeys the guardrails of a real incident (silences, holds, the "
            + "blast-radius guard, the action budget), and the actions it runs (drill.stop, step 1) must be safe for drills: "
            + "re-provision only where the target's drill.drillSafe is true. Operator role.")
    @APIResponse(responseCode = "202", description = "started; Location names the drill")
    @APIResponse(responseCode = "400", description = "a field is missing or wrong (named in violations)")
    @APIResponse(responseCode = "404", description = "no such target")
    @APIResponse(responseCode = "409", description = "the target has an open incident (and so any hold) or a running drill, "
            + "a silence covers it, the blast-radius guard holds actions, or its action budget has no room for the drill")
    public Uni<Response> start(NewDrill body, @Context ContainerRequestContext ctx) {
        if (body == null) {
            throw new ValidationException(List.of(new Violation("$", "a body is required")));
        }
        List<Violation> bad = new ArrayList<>();
        if (body.targetId() == null || body.targetId().isBlank()) {
            bad.add(new Violation("targetId", "is required"));
        }
        Bounds.line("targetId", body.targetId(), Bounds.MAX_ID, bad);
        Mode mode = Mode.lookup(body.mode());
        if (mode == null) {
            bad.add(new Violation("mode", "must be fail-probes or stop-target"));
        }
        int timeout = body.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : body.timeoutSeconds();
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            bad.add(new Violation("timeoutSeconds", "must be 1-" + MAX_TIMEOUT_SECONDS));
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(bad);
        }
        Object who = ctx.getProperty(ApiKeyFilter.PRINCIPAL);
        return registry.ready().chain(() -> {
            TargetSpec target = registry.get(body.targetId());
            if (target == null) {
                return Uni.createFrom().item(error(404, "no target " + body.targetId()));
            }
            if (mode == Mode.STOP_TARGET && (target.drill() == null || target.drill().stop() == null)) {
                throw new ValidationException(List.of(new Violation("mode",
                        "stop-target needs the target to name its stop action (drill.stop in its spec)")));
            }
            unsafe(target, mode);
            return incidents.guardHolds().chain(guard -> guard != null ? Uni.createFrom().item(error(409, guard))
                    : drills.start(target, mode, Duration.ofSeconds(timeout), who == null ? null : who.toString())
                            .map(d -> Response.accepted(view(new DrillService.View(d, DrillJudge.judge(d, List.of(), d.startedAt()))))
                                    .location(URI.create("/drills/" + d.id())).build())
                            .onFailure(DrillService.Conflict.class).recoverWithItem(t -> error(409, t.getMessage())));
        });
    }

    /**
     * A drill runs the stop action ({@code stop-target}) and step 1 of the ladder (both modes): each must be safe for
     * drills, by its kind or because the target marks its drill {@code drillSafe} (a spec stored before the rule).
     */
    private static void unsafe(TargetSpec target, Mode mode) {
        List<Violation> bad = new ArrayList<>();
        TargetSpec.Drill drill = target.drill();
        if (mode == Mode.STOP_TARGET && !TargetSpec.Drill.allows(drill, drill.stop())) {
            bad.add(new Violation("drill.stop.action", "target " + target.id() + " stops with " + drill.stop().action()
                    + ", which replaces the server; a drill may run it only when the target's drill.drillSafe is true"));
        }
        TargetSpec.LadderStep first = Ladder.step(target, 1);
        if (first != null && !TargetSpec.Drill.allows(drill, first)) {
            bad.add(new Violation("recovery.steps[0].action", "step 1 of target " + target.id() + " is " + first.action()
                    + ", which replaces the server; a drill may run it only when the target's drill.drillSafe is true"));
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(bad);
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A drill: state (RUNNING, CLOSED, NOT_CLOSED) and each stage's time since the drill started")
    @APIResponse(responseCode = "200", description = "the drill")
    @APIResponse(responseCode = "404", description = "no such drill")
    public Uni<Response> get(@PathParam("id") String id) {
        return drills.get(id).map(v -> v == null ? error(404, "no drill " + id) : Response.ok(view(v)).build());
    }

    @GET
    @Operation(summary = "The last 50 drills, newest first (as stored; GET one for its live stages)")
    public Uni<List<Map<String, Object>>> list() {
        return drills.recent().map(l -> l.stream().map(d -> row(d)).toList());
    }

    static Map<String, Object> view(DrillService.View v) {
        Drill d = v.drill();
        DrillJudge.Report r = v.report();
        Map<String, Object> out = row(d);
        out.put("state", r.state().name());
        put(out, "endedAt", r.endedAt());
        put(out, "outcome", r.outcome());
        if (r.endedAt() != null) {
            out.put("elapsedMillis", Duration.between(d.startedAt(), r.endedAt()).toMillis());
        }
        out.put("faultActive", r.faultActive());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (DrillJudge.Stage s : r.stages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", s.name());
            m.put("at", s.at().toString());
            m.put("sinceStartMillis", s.sinceStartMillis());
            put(m, "detail", s.detail());
            stages.add(m);
        }
        out.put("stages", stages);
        return out;
    }

    static Map<String, Object> row(Drill d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("targetId", d.targetId());
        out.put("mode", d.mode().wire());
        out.put("state", d.state().name());
        out.put("startedAt", d.startedAt().toString());
        out.put("deadline", d.deadline().toString());
        put(out, "incidentId", d.incidentId());
        put(out, "stopCommandId", d.stopCommandId());
        put(out, "stopStatus", d.stopStatus());
        put(out, "stopReason", d.stopReason());
        put(out, "endedAt", d.endedAt());
        put(out, "outcome", d.outcome());
        put(out, "createdBy", d.createdBy());
        return out;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v instanceof Instant i ? i.toString() : v);
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
