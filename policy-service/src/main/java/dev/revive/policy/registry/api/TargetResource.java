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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.validation.StrictJson;
import dev.revive.common.validation.Violation;
import dev.revive.policy.api.ErrorMappers;
import dev.revive.policy.detection.DetectionService;
import dev.revive.policy.incident.api.IncidentQueries;
import dev.revive.policy.registry.TargetRegistry;
import dev.revive.policy.security.ApiKeyFilter;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The targets registry over REST: CRUD, YAML bulk import, and each target's status. What is written passes
 * {@link TargetValidation}; what is read shows secrets to admins only ({@link SpecRedaction}).
 */
@Path("/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    /** Most targets in one import (its body also stays under quarkus.http.limits.max-body-size). */
    public static final int MAX_IMPORT = 1000;
    /**
     * Most targets one applied file may hold: it is the whole wanted registry (a file of 30,000 targets is about 4 MB;
     * raise {@code REVIVE_POLICY_MAX_BODY_SIZE} for such files).
     */
    public static final int MAX_APPLY = 100_000;

    // Plain YAML scalars are typed by the parser (name: 2024 is a number), so scalars may stand for text here.
    private static final YAMLMapper YAML = StrictJson.strict(Json.configure(new YAMLMapper()), true);

    @Inject
    TargetValidation validation;
    @Inject
    TargetRegistry registry;
    @Inject
    DetectionService detection;
    @Inject
    IncidentQueries queries;

    @GET
    public Uni<List<TargetSpec>> list(@Context ContainerRequestContext ctx) {
        boolean admin = ApiKeyFilter.isAdmin(ctx);
        return registry.ready().map(x -> registry.all().stream().sorted(Comparator.comparing(TargetSpec::id))
                .map(t -> shown(t, admin)).toList());
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        boolean admin = ApiKeyFilter.isAdmin(ctx);
        return registry.ready().map(x -> {
            TargetSpec t = registry.get(id);
            return t == null ? notFound(id) : Response.ok(shown(t, admin)).build();
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(TargetSpec spec, @Context ContainerRequestContext ctx) {
        boolean admin = ApiKeyFilter.isAdmin(ctx);
        return validation.requireValid(spec).chain(() -> registry.ready()).chain(() -> {
            if (registry.get(spec.id()) != null) {
                return Uni.createFrom().item(Response.status(409).entity(Map.of("error", "target " + spec.id() + " exists; PUT replaces it")).build());
            }
            return registry.upsert(List.of(spec))
                    .map(l -> Response.created(URI.create("/targets/" + spec.id())).entity(shown(spec, admin)).build());
        });
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("id") String id, TargetSpec spec, @Context ContainerRequestContext ctx) {
        if (spec != null && spec.id() != null && !spec.id().equals(id)) {
            return Uni.createFrom().item(ErrorMappers.badRequest(List.of(new Violation("id", "must match the path ('" + id + "')"))));
        }
        boolean admin = ApiKeyFilter.isAdmin(ctx);
        TargetSpec withId = spec == null ? null : new TargetSpec(id, spec.name(), spec.tags(), spec.probe(), spec.locations(),
                spec.detection(), spec.recovery(), spec.notifications(), spec.aws(), spec.drill(), spec.statusPage());
        return validation.requireValid(withId).chain(() -> registry.upsert(List.of(withId)))
                .map(l -> Response.ok(shown(withId, admin)).build());
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
        Parsed parsed = parse(body, MAX_IMPORT);
        if (parsed.failed() != null) {
            return Uni.createFrom().item(parsed.failed());
        }
        return validated(parsed).chain(bad -> bad != null ? Uni.createFrom().item(bad)
                : registry.upsert(parsed.specs())
                        .map(l -> Response.ok(Map.of("imported", l.size(), "ids", l.stream().map(TargetSpec::id).toList())).build()));
    }

    /**
     * Config as code: the file is the registry's wanted state. Targets it lists are created or updated (those that
     * are the same are left alone); with {@code prune}, registered targets it does not list are deleted. With
     * {@code dryRun} nothing changes and the answer is the diff. All or nothing, like import.
     */
    @POST
    @Path("apply")
    @Consumes({ "application/yaml", "application/x-yaml", "text/yaml" })
    @Operation(summary = "Apply a YAML file of targets", description = "Creates and updates the targets the file lists; with "
            + "prune=true also deletes registered targets it does not list (with pruneTag=T only those tagged T); with dryRun=true "
            + "changes nothing and returns the diff (created, updated, deleted, unchanged). Operator role.")
    public Uni<Response> apply(String body, @QueryParam("dryRun") boolean dryRun, @QueryParam("prune") boolean prune,
            @QueryParam("pruneTag") String pruneTag) {
        Parsed parsed = parse(body, MAX_APPLY);
        if (parsed.failed() != null) {
            return Uni.createFrom().item(parsed.failed());
        }
        return validated(parsed).chain(bad -> bad != null ? Uni.createFrom().item(bad) : registry.ready().chain(() -> {
            ApplyPlan plan = ApplyPlan.of(parsed.specs(), registry.all(), prune, pruneTag == null || pruneTag.isBlank() ? null : pruneTag);
            if (dryRun || plan.isEmpty()) {
                return Uni.createFrom().item(Response.ok(plan.view(dryRun)).build());
            }
            return registry.apply(plan.upserts(), plan.deleted()).map(x -> Response.ok(plan.view(false)).build());
        }));
    }

    /** What a YAML file of targets holds: the specs, and the problems found reading it. */
    private record Parsed(List<TargetSpec> specs, List<Integer> indexes, List<Violation> violations, Response failed) {
    }

    private static Parsed parse(String body, int max) {
        List<TargetSpec> specs = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return failed(new Violation("$", "not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (root != null && root.isObject()) {
            var names = root.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!n.equals("targets")) {
                    violations.add(new Violation(n, "is not a field here; known: targets"));
                }
            }
        }
        JsonNode list = root != null && root.has("targets") ? root.get("targets") : root;
        if (list == null || !list.isArray()) {
            return failed(new Violation("targets", "must be a list of targets"));
        }
        if (list.size() > max) {
            return failed(new Violation("targets", "must have at most " + max + " entries (split the file)"));
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String prefix = "targets[" + i + "]";
            try {
                specs.add(YAML.treeToValue(list.get(i), TargetSpec.class));
                indexes.add(i);
            } catch (JsonProcessingException e) {
                String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? "." + ErrorMappers.path(m.getPath()) : "";
                violations.add(new Violation(prefix + field, ErrorMappers.message(e)));
            } catch (RuntimeException e) {
                violations.add(new Violation(prefix, String.valueOf(e.getMessage())));
            }
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) != null && specs.get(i).id() != null && !ids.add(specs.get(i).id())) {
                violations.add(new Violation("targets[" + indexes.get(i) + "].id", "is given twice in this file"));
            }
        }
        return new Parsed(specs, indexes, violations, null);
    }

    private static Parsed failed(Violation v) {
        return new Parsed(List.of(), List.of(), List.of(v), ErrorMappers.badRequest(List.of(v)));
    }

    /** Null when every spec is valid, else the 400 naming each problem. */
    private Uni<Response> validated(Parsed parsed) {
        return validation.violations(parsed.specs(), i -> "targets[" + parsed.indexes().get(i) + "].").map(invalid -> {
            List<Violation> all = new ArrayList<>(parsed.violations());
            all.addAll(invalid);
            return all.isEmpty() ? null : ErrorMappers.badRequest(all);
        });
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

    private static TargetSpec shown(TargetSpec t, boolean admin) {
        return admin ? t : SpecRedaction.redact(t);
    }

    private static Response notFound(String id) {
        return Response.status(404).entity(Map.of("error", "no target " + id)).build();
    }
}
