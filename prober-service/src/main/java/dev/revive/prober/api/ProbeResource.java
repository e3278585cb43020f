package dev.revive.prober.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.prober.ProberRuntime;
import dev.revive.prober.schedule.TargetState;
import io.smallrye.mutiny.Uni;

/** What this instance probes, and probes on demand. Targets themselves are managed by the policy service. */
@Path("/probes")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: Authorization: Bearer <key>. Probing on demand and re-arming need operator or admin.")
@SecurityRequirement(name = "apiKey")
public class ProbeResource {

    /** One target as this instance sees it. */
    public record TargetView(String targetId, String name, TargetSpec.ProbeKind kind, String endpoint, long intervalMs,
            long retryIntervalMs, int partition, boolean driftBaseline, int consecutiveFailures, ProbeResult last) {
    }

    /** This instance and its targets. */
    public record Assigned(String location, String proberId, int count, List<TargetView> targets) {
    }

    @Inject
    ProberRuntime runtime;

    @GET
    @Path("/targets")
    public Assigned targets() {
        List<TargetView> views = runtime.scheduler().targets().stream()
                .sorted(Comparator.comparing(TargetState::id))
                .map(ProbeResource::view)
                .toList();
        return new Assigned(runtime.location(), runtime.instanceId(), views.size(), views);
    }

    @POST
    @Path("/{targetId}/run")
    public Uni<Response> run(@PathParam("targetId") String targetId) {
        TargetState s = runtime.scheduler().get(targetId);
        if (s == null) {
            return Uni.createFrom().item(notFound(targetId));
        }
        return Uni.createFrom().completionStage(runtime.scheduler().probeNow(s).toCompletionStage())
                .map(r -> Response.ok(r).build());
    }

    @POST
    @Path("/{targetId}/baseline")
    public Uni<Response> rearm(@PathParam("targetId") String targetId) {
        TargetState s = runtime.scheduler().get(targetId);
        if (s == null) {
            return Uni.createFrom().item(notFound(targetId));
        }
        if (s.spec().probe().kind() != TargetSpec.ProbeKind.CONTENT_DRIFT) {
            return Uni.createFrom().item(Response.status(Response.Status.CONFLICT)
                    .entity(Map.of("error", "target '" + targetId + "' is a " + s.spec().probe().kind()
                            + " probe; only CONTENT_DRIFT probes have a baseline"))
                    .build());
        }
        // Cleared, then taken again by the probe that runs now (if it succeeds; otherwise by the next that does).
        runtime.runner().rearm(s);
        return Uni.createFrom().completionStage(runtime.scheduler().probeNow(s).toCompletionStage())
                .map(r -> Response.ok(r).build());
    }

    private static Response notFound(String targetId) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Map.of("error", "target '" + targetId + "' is not probed by this instance "
                        + "(unknown, deleted, for another location, or assigned to another prober of this location)"))
                .build();
    }

    private static TargetView view(TargetState s) {
        Probe p = s.spec().probe();
        String endpoint = p.kind() == TargetSpec.ProbeKind.TCP ? p.host() + ":" + p.port() : p.url();
        return new TargetView(s.id(), s.spec().name(), p.kind(), endpoint, p.effectiveIntervalMs(),
                p.effectiveRetryIntervalMs(), s.partition(), s.baseline() != null, s.consecutiveFailures(), s.last());
    }
}
