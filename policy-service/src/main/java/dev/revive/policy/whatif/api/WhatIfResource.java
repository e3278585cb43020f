package dev.revive.policy.whatif.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.validation.StrictJson;
import dev.revive.common.validation.Violation;
import dev.revive.policy.api.ErrorMappers;
import dev.revive.policy.whatif.WhatIfService;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /targets/{id}/what-if?hours=N}: the target's last N hours of results replayed through the spec in the
 * body (absent: its registered spec). A POST, so the operator role (it reads the whole partition of the target).
 */
@Path("/targets/{id}/what-if")
@Produces(MediaType.APPLICATION_JSON)
public class WhatIfResource {

    static final int DEFAULT_HOURS = 24;

    @Inject
    WhatIfService whatIf;

    /** The same strict reading as every JSON body ({@code StrictRestJson}): the body is optional, so it is read here. */
    private final ObjectMapper json;

    @Inject
    WhatIfResource(ObjectMapper quarkus) {
        json = StrictJson.strict(quarkus.copy(), false);
    }

    @POST
    @Operation(summary = "Replay the target's recent results through a spec", description = "Reads the last `hours` "
            + "(1-168, default 24; within the retention of revive.health) of the target's probe results and replays them "
            + "through the spec in the body (validated as PUT /targets/{id} validates it; absent: the registered spec) with "
            + "the pure detector and decider. Answers the incidents and ladder steps that would have happened (wouldHave) "
            + "beside the target's real incidents of the window (did), and the assumptions made. Changes nothing. Operator role.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetSpec.class)),
            required = false, description = "An edited spec of the target (absent: its registered spec)")
    public Uni<Response> replay(@PathParam("id") String id, @QueryParam("hours") String hours, String body) {
        TargetSpec spec;
        try {
            spec = body == null || body.isBlank() ? null : json.readValue(body, TargetSpec.class);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e); // answered as every unreadable body is (ErrorMappers)
        }
        int h;
        try {
            h = hours == null || hours.isBlank() ? DEFAULT_HOURS : Integer.parseInt(hours.strip());
        } catch (NumberFormatException e) {
            h = -1;
        }
        if (h < WhatIfService.MIN_WINDOW.toHours() || h > WhatIfService.MAX_WINDOW.toHours()) {
            return Uni.createFrom().item(ErrorMappers.badRequest(List.of(new Violation("hours", "must be a whole number from "
                    + WhatIfService.MIN_WINDOW.toHours() + " to " + WhatIfService.MAX_WINDOW.toHours()))));
        }
        if (spec != null && spec.id() != null && !spec.id().equals(id)) {
            return Uni.createFrom().item(ErrorMappers.badRequest(List.of(new Violation("id", "must match the path ('" + id + "')"))));
        }
        return whatIf.replay(id, spec, Duration.ofHours(h)).map(r -> Response.ok(r).build())
                .onFailure(WhatIfService.NoSuchTarget.class)
                .recoverWithItem(e -> Response.status(404).entity(Map.of("error", e.getMessage())).build())
                .onFailure(WhatIfService.Busy.class)
                .recoverWithItem(e -> Response.status(429).header("Retry-After", "5").entity(Map.of("error", e.getMessage())).build());
    }
}
