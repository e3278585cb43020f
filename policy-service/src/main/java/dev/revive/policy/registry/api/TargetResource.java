package dev.revive.policy.registry.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.validation.TargetSpecValidator;
import dev.revive.common.validation.Violation;
import dev.revive.policy.api.ErrorMappers;
import dev.revive.policy.capability.Capabilities;
import dev.revive.policy.detection.DetectionService;
import dev.revive.policy.incident.api.IncidentQueries;
import dev.revive.policy.registry.TargetRegistry;
import io.smallrye.mutiny.Uni;

/** The targets registry over REST: CRUD, YAML bulk import, and each target's status. */
@Path("/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    private static final YAMLMapper YAML = Json.configure(new YAMLMapper());

    @Inject
    TargetRegistry registry;
    @Inject
    DetectionService detection;
    @Inject
    IncidentQueries queries;
    @Inject
    Capabilities capabilities;

    @GET
    public Uni<List<TargetSpec>> list() {
        return registry.ready().map(x -> registry.all().stream().sorted(Comparator.comparing(TargetSpec::id)).toList());
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return registry.ready().map(x -> {
            TargetSpec t = registry.get(id);
            return t == null ? notFound(id) : Response.ok(t).build();
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(TargetSpec spec) {
        TargetSpecValidator.requireValid(spec);
        capabilities.requireRunnable(spec);
        return registry.ready().chain(() -> {
            if (registry.get(spec.id()) != null) {
                return Uni.createFrom().item(Response.status(409).entity(Map.of("error", "target " + spec.id() + " exists; PUT replaces it")).build());
            }
            return registry.upsert(List.of(spec)).map(l -> Response.created(URI.create("/targets/" + spec.id())).entity(spec).build());
        });
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("id") String id, TargetSpec spec) {
        if (spec != null && spec.id() != null && !spec.id().equals(id)) {
            return Uni.createFrom().item(ErrorMappers.badRequest(List.of(new Violation("id", "must match the path ('" + id + "')"))));
        }
        TargetSpec withId = spec == null ? null : new TargetSpec(id, spec.name(), spec.tags(), spec.probe(), spec.locations(),
                spec.detection(), spec.recovery(), spec.notifications(), spec.aws(), spec.drill());
        TargetSpecValidator.requireValid(withId);
        capabilities.requireRunnable(withId);
        return registry.upsert(List.of(withId)).map(l -> Response.ok(withId).build());
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return registry.delete(id).map(deleted -> deleted ? Response.noContent().build() : notFound(id));
    }

    /** Bulk import of a YAML file: a list of targets, or {@code targets:} holding one. All or nothing. */
    @POST
    @Path("import")
    @Consumes({ "application/yaml", "application/x-yaml", "text/yaml" })
    public Uni<Response> importYaml(String body) {
        List<TargetSpec> specs = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return Uni.createFrom().item(ErrorMappers.badRequest(List.of(new Violation("$", "not valid YAML: " + e.getMessage().lines().findFirst().orElse("")))));
        }
        JsonNode list = root != null && root.has("targets") ? root.get("targets") : root;
        if (list == null || !list.isArray()) {
            return Uni.createFrom().item(ErrorMappers.badRequest(List.of(new Violation("targets", "must be a list of targets"))));
        }
        for (int i = 0; i < list.size(); i++) {
            String prefix = "targets[" + i + "]";
            try {
                TargetSpec t = YAML.treeToValue(list.get(i), TargetSpec.class);
                TargetSpecValidator.validate(t).forEach(v -> violations.add(new Violation(prefix + "." + v.field(), v.message())));
                capabilities.check(t).forEach(v -> violations.add(new Violation(prefix + "." + v.field(), v.message())));
                specs.add(t);
            } catch (JsonMappingException e) {
                violations.add(new Violation(prefix + "." + ErrorMappers.path(e.getPath()), e.getOriginalMessage().lines().findFirst().orElse("")));
            } catch (Exception e) {
                violations.add(new Violation(prefix, e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            return Uni.createFrom().item(ErrorMappers.badRequest(violations));
        }
        return registry.upsert(specs).map(l -> Response.ok(Map.of("imported", l.size(), "ids", l.stream().map(TargetSpec::id).toList())).build());
    }

    @GET
    @Path("{id}/status")
    public Uni<Response> status(@PathParam("id") String id) {
        return registry.ready().chain(() -> {
            TargetSpec t = registry.get(id);
            if (t == null) {
                return Uni.createFrom().item(notFound(id));
            }
            return queries.list(null, id).map(incidents -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("targetId", id);
                out.put("verdict", detection.verdict(id).name());
                out.put("openIncident", incidents.stream().filter(i -> !"RESOLVED".equals(i.get("phase"))).findFirst().orElse(null));
                out.put("lastIncident", incidents.isEmpty() ? null : incidents.get(0));
                return Response.ok(out).build();
            });
        });
    }

    private static Response notFound(String id) {
        return Response.status(404).entity(Map.of("error", "no target " + id)).build();
    }
}
