package dev.revive.policy.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;




import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.security.ApiKeys;
import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.detection.DetectionService;
import dev.revive.policy.detection.Verdict;
import dev.revive.policy.drill.api.DrillResource;
import dev.revive.policy.history.HealthHistory;
import dev.revive.policy.history.HistoryStore;
import dev.revive.policy.incident.OriginalWatch;
import dev.revive.policy.incident.api.IncidentQueries;
import dev.revive.policy.incident.api.IncidentResource;
import dev.revive.policy.registry.TargetRegistry;
import dev.revive.policy.registry.api.TargetResource;
import dev.revive.policy.silence.Silence;
import dev.revive.policy.silence.SilenceService;
import dev.revive.policy.silence.api.SilenceResource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The operator console: server-rendered pages (Qute) that htmx updates in place, over the same services and REST
 * resources as the API, so the console can do nothing the API would refuse and every field error is the API's.
 * Access: {@link ConsoleFilter}. Live updates: {@link ConsoleStream}.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Inject
    PolicyConfig config;
    @Inject
    SessionKeys keys;
    @Inject
    TargetRegistry registry;
    @Inject
    DetectionService detection;
    @Inject
    HealthHistory history;
    @Inject
    HistoryStore store;
    @Inject
    IncidentQueries incidents;
    @Inject
    IncidentResource incidentApi;
    @Inject
    SilenceService silences;
    @Inject
    SilenceResource silenceApi;
    @Inject
    TargetResource targetApi;
    @Inject
    DrillResource drillApi;
    @Inject
    PublicNotes notes;
    @Inject
    ApiKeyLogin login;
    @Inject
    ConsoleLive live;
    @Context
    jakarta.ws.rs.sse.Sse sse;

    @Location("console/login.html")
    Template loginPage;
    @Location("console/targets.html")
    Template targetsPage;
    @Location("console/target-rows.html")
    Template targetRows;
    @Location("console/target-row.html")
    Template targetRow;
    @Location("console/target.html")
    Template targetPage;
    @Location("console/incidents.html")
    Template incidentsPage;
    @Location("console/incident.html")
    Template incidentPage;
    @Location("console/timeline.html")
    Template timelineFragment;
    @Location("console/silences.html")
    Template silencesPage;
    @Location("console/edit.html")
    Template editPage;
    @Location("console/apply.html")
    Template applyPage;
    @Location("console/drills.html")
    Template drillsPage;
    @Location("console/whatif.html")
    Template whatIfFragment;
    @Inject
    dev.revive.policy.whatif.api.WhatIfResource whatIfApi;

    // ---- session -------------------------------------------------------------------------------------------------

    @GET
    @Path("login")
    public TemplateInstance loginForm() {
        return loginPage.data("error", null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("apiKey") String apiKey) {
        ApiKeys.Caller caller = apiKey == null || apiKey.isBlank() || apiKey.length() > 512 ? null : login.caller(apiKey.trim());
        if (caller == null) {
            return Response.status(401).entity(loginPage.data("error", "This API key is not known.")).build();
        }
        String cookie = keys.sessions().open(caller.role(), caller.principal(), Instant.now());
        NewCookie c = new NewCookie.Builder(ConsoleSessions.COOKIE).value(cookie).path("/ui").httpOnly(true)
                .secure(config.console().secureCookie()).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) keys.sessions().ttl().toSeconds()).build();
        return Response.seeOther(URI.create("/ui/targets")).cookie(c).build();
    }

    @POST
    @Path("logout")
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(ConsoleSessions.COOKIE).value("").path("/ui").httpOnly(true)
                .secure(config.console().secureCookie()).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().header("HX-Redirect", "/ui/login").cookie(gone).build();
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/ui/targets")).build();
    }

    // ---- targets -------------------------------------------------------------------------------------------------

    /** The target list: search (id, name, tag), filter (failing, flapping, silenced), tag group, page. */
    @GET
    @Path("targets")
    public Uni<TemplateInstance> targets(@Context ContainerRequestContext ctx, @Context HttpHeaders headers,
            @QueryParam("q") String q, @QueryParam("filter") String filter, @QueryParam("tag") String tag,
            @QueryParam("page") Integer page) {
        boolean fragment = headers.getHeaderString("HX-Request") != null && headers.getHeaderString("HX-Boosted") == null;
        return registry.ready().chain(() -> Uni.combine().all().unis(openIncidents(), silences.current()).asTuple())
                .chain(t -> {
                    Map<String, String> open = t.getItem1();
                    List<Silence> current = t.getItem2();
                    Instant now = Instant.now();
                    List<TargetSpec> matching = registry.all().stream().filter(s -> !OriginalWatch.isDerived(s))
                            .filter(s -> search(s, q) && (tag == null || tag.isBlank() || s.tags().contains(tag)))
                            .filter(s -> state(s, filter, open, current, now))
                            .sorted(Comparator.comparing((TargetSpec s) -> group(s)).thenComparing(TargetSpec::id))
                            .toList();
                    int size = Math.max(1, config.console().pageSize());
                    int pages = Math.max(1, (matching.size() + size - 1) / size);
                    int p = page == null ? 1 : Math.min(Math.max(1, page), pages);
                    List<TargetSpec> shown = matching.subList((p - 1) * size, Math.min(matching.size(), p * size));
                    return views(shown, open, current, now).map(views -> {
                        Map<String, List<TargetView>> groups = new LinkedHashMap<>();
                        for (int i = 0; i < shown.size(); i++) {
                            groups.computeIfAbsent(group(shown.get(i)), k -> new ArrayList<>()).add(views.get(i));
                        }
                        Set<String> tags = registry.all().stream().flatMap(s -> s.tags().stream()).collect(Collectors.toCollection(java.util.TreeSet::new));
                        TemplateInstance ti = (fragment ? targetRows : targetsPage).data("groups", groups)
                                .data("ids", shown.stream().map(TargetSpec::id).collect(Collectors.joining(",")))
                                .data("total", matching.size()).data("all", registry.size()).data("page", p).data("pages", pages)
                                .data("prev", p - 1).data("next", p + 1)
                                .data("q", q == null ? "" : q).data("filter", filter == null ? "" : filter)
                                .data("tag", tag == null ? "" : tag).data("tags", tags);
                        return page(ti, ctx, "targets");
                    });
                });
    }

    @GET
    @Path("targets/{id}")
    public Uni<Response> target(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        return registry.ready().chain(() -> {
            TargetSpec t = registry.get(id);
            if (t == null) {
                return Uni.createFrom().item(Response.status(404).entity("no target " + id).type(MediaType.TEXT_PLAIN).build());
            }
            return Uni.combine().all().unis(openIncidents(), silences.current(), incidents.list(null, id)).asTuple()
                    .chain(x -> views(List.of(t), x.getItem1(), x.getItem2(), Instant.now()).map(v -> {
                        TargetSpec shown = ctx.getProperty(dev.revive.policy.security.ApiKeyFilter.ROLE).equals("admin") ? t
                                : dev.revive.policy.registry.api.SpecRedaction.redact(t);
                        List<Map<String, String>> ladder = new ArrayList<>();
                        for (int i = 0; i < t.recovery().steps().size(); i++) {
                            TargetSpec.LadderStep s = t.recovery().steps().get(i);
                            ladder.add(Map.of("n", Integer.toString(i + 1), "action", String.valueOf(s.action()),
                                    "params", s.params() == null ? "" : new java.util.TreeMap<>(s.params()).toString()));
                        }
                        return Response.ok(page(targetPage.data("t", v.get(0)).data("spec", shown).data("specYaml", yaml(shown)).data("ladder", ladder)
                                .data("grace", t.recovery().graceSeconds()).data("recent", history.recent().of(id).reversed())
                                .data("incidents", x.getItem3()), ctx, "targets")).build();
                    }));
        });
    }

    /** The response-time chart's data for uPlot: {@code range} 1h, 24h (minutes) or 7d (hours), one series per location. */
    @GET
    @Path("targets/{id}/chart")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> chart(@PathParam("id") String id, @QueryParam("range") String range) {
        Duration d = switch (range == null ? "1h" : range) {
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            default -> Duration.ofHours(1);
        };
        return store.chart(id, Instant.now().minus(d), d.toDays() >= 7).map(points -> {
            java.util.TreeSet<Long> times = new java.util.TreeSet<>();
            java.util.TreeSet<String> locations = new java.util.TreeSet<>();
            points.forEach(p -> {
                times.add(p.at().getEpochSecond());
                locations.add(p.location());
            });
            List<Long> xs = new ArrayList<>(times);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < xs.size(); i++) {
                index.put(Long.toString(xs.get(i)), i);
            }
            Map<String, Object[]> mean = new LinkedHashMap<>();
            Map<String, Object[]> failures = new LinkedHashMap<>();
            locations.forEach(l -> {
                mean.put(l, new Object[xs.size()]);
                failures.put(l, new Object[xs.size()]);
            });
            points.forEach(p -> {
                int i = index.get(Long.toString(p.at().getEpochSecond()));
                mean.get(p.location())[i] = p.meanMs();
                failures.get(p.location())[i] = p.failures();
            });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("x", xs);
            out.put("meanMs", mean);
            out.put("failures", failures);
            return out;
        });
    }

    /**
     * The what-if of the target's page: the API's {@code /targets/{id}/what-if} with the form's YAML spec (the spec as
     * the page showed it replays the registered one, whose secrets an operator does not see).
     */
    @POST
    @Path("targets/{id}/what-if")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> whatIf(@PathParam("id") String id, @FormParam("hours") String hours, @FormParam("spec") String specYaml,
            @Context ContainerRequestContext ctx) {
        return registry.ready().chain(() -> {
            TargetSpec t = registry.get(id);
            String json = null;
            if (t != null && specYaml != null && !specYaml.isBlank()) {
                boolean admin = "admin".equals(ctx.getProperty(dev.revive.policy.security.ApiKeyFilter.ROLE));
                String shown = yaml(admin ? t : dev.revive.policy.registry.api.SpecRedaction.redact(t));
                if (!specYaml.strip().equals(shown.strip())) {
                    try {
                        json = Json.MAPPER.writeValueAsString(YAML.readTree(specYaml));
                    } catch (Exception e) {
                        return Uni.createFrom().item(whatIfError(List.of("spec: not valid YAML: " + e.getMessage().lines().findFirst().orElse(""))));
                    }
                }
            }
            String body = json;
            return Uni.createFrom().deferred(() -> whatIfApi.replay(id, hours, body)).map(r -> {
                if (r.getStatus() >= 400) {
                    return whatIfError(violations(r).stream().map(x -> x.field() + ": " + x.message()).toList());
                }
                return Response.ok(whatIfFragment.data("r", r.getEntity()).data("hours", hours).data("error", null)).build();
            }).onFailure(ValidationException.class).recoverWithItem(e -> whatIfError(((ValidationException) e).violations().stream()
                    .map(x -> x.field() + ": " + x.message()).toList()))
                    .onFailure(com.fasterxml.jackson.core.JsonProcessingException.class)
                    .recoverWithItem(e -> whatIfError(List.of("spec: " + ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage())));
        });
    }

    private Response whatIfError(List<String> errors) {
        return Response.status(400).type(MediaType.TEXT_HTML).entity(whatIfFragment.data("error", errors).data("r", null).data("hours", "")).build();
    }

    private static String yaml(TargetSpec t) {
        try {
            return YAML.writeValueAsString(Json.MAPPER.valueToTree(t));
        } catch (Exception e) {
            return "";
        }
    }

    // ---- incidents -----------------------------------------------------------------------------------------------

    @GET
    @Path("incidents")
    public Uni<TemplateInstance> incidentList(@Context ContainerRequestContext ctx, @QueryParam("state") String state) {
        return incidents.list(state == null || state.isBlank() ? null : state, null)
                .map(l -> page(incidentsPage.data("incidents", l).data("state", state == null ? "" : state), ctx, "incidents"));
    }

    @GET
    @Path("incidents/{id}")
    public Uni<Response> incident(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        return timeline(incidentPage, id, ctx).map(ti -> ti == null
                ? Response.status(404).entity("no incident " + id).type(MediaType.TEXT_PLAIN).build() : Response.ok(ti).build());
    }

    /** The incident's timeline and controls, the part of its page that live updates and buttons replace. */
    @GET
    @Path("incidents/{id}/timeline")
    public Uni<Response> timelinePart(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        return timeline(timelineFragment, id, ctx).map(ti -> ti == null ? Response.status(404).build() : Response.ok(ti).build());
    }

    @POST
    @Path("incidents/{id}/{action:hold|release|ack|resolve}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> act(@PathParam("id") String id, @PathParam("action") String action, @FormParam("reason") String reason,
            @Context ContainerRequestContext ctx) {
        IncidentResource.Note note = new IncidentResource.Note(reason == null || reason.isBlank() ? null : reason);
        Uni<Response> done = switch (action) {
            case "hold" -> incidentApi.hold(id, ctx, note);
            case "release" -> incidentApi.release(id, ctx);
            case "ack" -> incidentApi.ack(id, ctx);
            default -> incidentApi.resolve(id, ctx, note);
        };
        return done.chain(r -> timelinePart(id, ctx))
                .onFailure(ValidationException.class).recoverWithItem(t -> retarget(fieldError((ValidationException) t), "#action-errors"));
    }

    @POST
    @Path("incidents/{id}/note")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> note(@PathParam("id") String id, @FormParam("body") String body, @Context ContainerRequestContext ctx) {
        List<Violation> bad = PublicNotes.check(body);
        if (!bad.isEmpty()) {
            return Uni.createFrom().item(fieldError(new ValidationException(bad)));
        }
        return incidents.get(id).chain(i -> i == null ? Uni.createFrom().item(Response.status(404).build())
                : notes.add(id, String.valueOf(ctx.getProperty(dev.revive.policy.security.ApiKeyFilter.PRINCIPAL)), body.strip())
                        .invoke(() -> live.touched(id)).chain(() -> timelinePart(id, ctx)));
    }

    private Uni<TemplateInstance> timeline(Template template, String id, ContainerRequestContext ctx) {
        long version = live.incident(id); // read before the rows: a change after it is sent by the stream
        return incidents.get(id).chain(i -> i == null ? Uni.createFrom().nullItem()
                : notes.of(id).map(n -> page(template.data("i", i).data("notes", n).data("version", version)
                        .data("resolved", "RESOLVED".equals(String.valueOf(i.get("phase")))), ctx, "incidents")));
    }

    // ---- silences ------------------------------------------------------------------------------------------------

    @GET
    @Path("silences")
    public Uni<TemplateInstance> silenceList(@Context ContainerRequestContext ctx) {
        return silences.current().map(l -> page(silencesPage.data("silences", l).data("errors", Map.of()).data("form", Map.of()), ctx, "silences"));
    }

    @POST
    @Path("silences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> silence(@FormParam("targetId") String targetId, @FormParam("tag") String tag,
            @FormParam("minutes") String minutes, @FormParam("reason") String reason, @Context ContainerRequestContext ctx) {
        Instant now = Instant.now();
        long m;
        try {
            m = Long.parseLong(minutes == null ? "" : minutes.trim());
        } catch (NumberFormatException e) {
            return Uni.createFrom().item(fieldError(new ValidationException(List.of(new Violation("minutes", "must be a whole number of minutes")))));
        }
        if (m < 1 || m > SilenceResource.MAX_LENGTH.toMinutes()) {
            return Uni.createFrom().item(fieldError(new ValidationException(List.of(new Violation("minutes",
                    "must be 1-" + SilenceResource.MAX_LENGTH.toMinutes())))));
        }
        var body = new SilenceResource.NewSilence(blank(targetId), blank(tag), now, now.plus(Duration.ofMinutes(m)), blank(reason));
        return Uni.createFrom().deferred(() -> silenceApi.create(body, ctx))
                .map(r -> r.getStatus() >= 400 ? apiError(r) : Response.noContent().header("HX-Redirect", "/ui/silences").build())
                .onFailure(ValidationException.class).recoverWithItem(t -> fieldError((ValidationException) t));
    }

    @POST
    @Path("silences/{id}/end")
    public Uni<Response> endSilence(@PathParam("id") String id) {
        return silenceApi.delete(id).map(r -> Response.noContent().header("HX-Redirect", "/ui/silences").build());
    }

    // ---- target editor -------------------------------------------------------------------------------------------

    @GET
    @Path("edit")
    public TemplateInstance newTarget(@Context ContainerRequestContext ctx) {
        return page(edit(false, EditForm.empty(), Map.of()), ctx, "targets");
    }

    @GET
    @Path("edit/{id}")
    public Uni<Response> editTarget(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        return registry.ready().map(x -> {
            TargetSpec t = registry.get(id);
            if (t == null) {
                return Response.status(404).entity("no target " + id).type(MediaType.TEXT_PLAIN).build();
            }
            boolean admin = "admin".equals(ctx.getProperty(dev.revive.policy.security.ApiKeyFilter.ROLE));
            if (!admin && !t.probe().headers().isEmpty()) {
                // Headers are secrets only admins see; an operator's edit would write the redacted values back.
                return Response.ok(page(edit(true, EditForm.of(dev.revive.policy.registry.api.SpecRedaction.redact(t)),
                        Map.of("$", "this target has request headers, which only an admin may see and change; sign in as admin to edit it")),
                        ctx, "targets")).build();
            }
            return Response.ok(page(edit(true, EditForm.of(t), Map.of()), ctx, "targets")).build();
        });
    }

    /** Creates ({@code editing} false) or replaces a target from the editor's fields; errors come back at the fields. */
    @POST
    @Path("edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> save(jakarta.ws.rs.core.MultivaluedMap<String, String> form, @Context ContainerRequestContext ctx) {
        EditForm f = EditForm.from(form);
        boolean editing = "true".equals(form.getFirst("editing"));
        List<Violation> bad = new ArrayList<>();
        TargetSpec spec = f.toSpec(bad);
        if (!bad.isEmpty()) {
            return Uni.createFrom().item(editErrors(f, editing, bad, ctx));
        }
        Uni<Response> call = Uni.createFrom().deferred(() -> editing ? targetApi.put(spec.id(), spec, ctx) : targetApi.create(spec, ctx));
        return call.map(r -> {
            if (r.getStatus() < 300) {
                return Response.noContent().header("HX-Redirect", "/ui/targets/" + spec.id()).build();
            }
            return editErrors(f, editing, violations(r), ctx);
        }).onFailure(ValidationException.class).recoverWithItem(t -> editErrors(f, editing, ((ValidationException) t).violations(), ctx));
    }

    private Response editErrors(EditForm f, boolean editing, List<Violation> bad, ContainerRequestContext ctx) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation v : bad) {
            errors.merge(EditForm.fieldFor(v.field()), v.field() + ": " + v.message(), (a, b) -> a + "; " + b);
        }
        return Response.status(400).header("HX-Retarget", "#editor").header("HX-Reswap", "outerHTML")
                .entity(page(edit(editing, f, errors).data("fragment", true), ctx, "targets"))
                .type(MediaType.TEXT_HTML).build();
    }

    private TemplateInstance edit(boolean editing, EditForm f, Map<String, String> errors) {
        return editPage.data("editing", editing).data("form", f).data("fields", f.fields(errors)).data("errors", errors).data("fragment", false);
    }

    // ---- config as code ------------------------------------------------------------------------------------------

    @GET
    @Path("apply")
    public TemplateInstance applyForm(@Context ContainerRequestContext ctx) {
        return page(applyPage.data("yaml", "").data("diff", null).data("error", null).data("prune", false).data("pruneTag", "").data("fragment", false), ctx, "apply");
    }

    /** The file's diff (confirm absent) or its application (confirm=true): the API's {@code /targets/apply}. */
    @POST
    @Path("apply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> apply(@FormParam("yaml") String yaml, @FormParam("prune") String prune, @FormParam("pruneTag") String pruneTag,
            @FormParam("confirm") String confirm,
            @Context ContainerRequestContext ctx) {
        boolean doIt = "true".equals(confirm);
        boolean p = "on".equals(prune) || "true".equals(prune);
        return targetApi.apply(yaml, !doIt, p, blank(pruneTag)).map(r -> {
            TemplateInstance ti = applyPage.data("yaml", yaml == null ? "" : yaml).data("prune", p).data("pruneTag", pruneTag == null ? "" : pruneTag)
                    .data("fragment", true);
            if (r.getStatus() >= 400) {
                ti = ti.data("diff", null).data("error", violations(r).stream().map(v -> v.field() + ": " + v.message()).toList());
            } else {
                ti = ti.data("diff", r.getEntity()).data("error", null);
            }
            return Response.status(r.getStatus() >= 400 ? 400 : 200).header("HX-Retarget", "#apply").header("HX-Reswap", "outerHTML")
                    .entity(page(ti, ctx, "apply")).type(MediaType.TEXT_HTML).build();
        });
    }

    // ---- drills --------------------------------------------------------------------------------------------------

    @GET
    @Path("drills")
    public Uni<TemplateInstance> drills(@Context ContainerRequestContext ctx) {
        return drillApi.list().chain(list -> {
            List<Uni<Response>> details = list.stream().limit(10).map(d -> drillApi.get(String.valueOf(d.get("id")))).toList();
            Uni<List<Object>> all = details.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(details).andCollectFailures().map(rs -> rs.stream().map(Response::getEntity).toList());
            return all.map(views -> page(drillsPage.data("drills", views).data("targets",
                    registry.all().stream().filter(t -> !OriginalWatch.isDerived(t)).map(TargetSpec::id).sorted().toList()), ctx, "drills"));
        });
    }

    @POST
    @Path("drills")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> startDrill(@FormParam("targetId") String targetId, @FormParam("mode") String mode, @Context ContainerRequestContext ctx) {
        return Uni.createFrom().deferred(() -> drillApi.start(new DrillResource.NewDrill(blank(targetId), blank(mode), null), ctx))
                .map(r -> r.getStatus() >= 400 ? apiError(r) : Response.noContent().header("HX-Redirect", "/ui/drills").build())
                .onFailure(ValidationException.class).recoverWithItem(t -> fieldError((ValidationException) t));
    }

    // ---- live updates --------------------------------------------------------------------------------------------

    /**
     * Server-sent events for the page that is open: every two seconds, a {@code row-<id>} event with the new row of
     * each listed target whose results, verdict or incident changed, and a {@code timeline} event with the incident's
     * timeline when it changed. The page's htmx SSE extension swaps them in; nothing is sent when nothing changed.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public io.smallrye.mutiny.Multi<jakarta.ws.rs.sse.OutboundSseEvent> stream(@QueryParam("targets") String targets,
            @QueryParam("incident") String incident, @QueryParam("v") Long version, @Context ContainerRequestContext ctx) {
        List<String> ids = targets == null || targets.isBlank() ? List.of()
                : Arrays.stream(targets.split(",")).map(String::trim).filter(x -> !x.isEmpty()).limit(500).toList();
        Map<String, String> sent = new ConcurrentHashMap<>();
        // Empty: the first tick sends every row once, so a change between the page and the stream is not missed.
        long[] incidentSent = { version == null ? -1 : version }; // the version the page showed
        return io.smallrye.mutiny.Multi.createFrom().ticks().every(Duration.ofSeconds(2)).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> {
                    List<TargetSpec> changed = new ArrayList<>();
                    for (String id : ids) {
                        String sig = signature(id);
                        TargetSpec t = registry.get(id);
                        if (t != null && !sig.equals(sent.put(id, sig))) {
                            changed.add(t);
                        }
                    }
                    boolean timelineChanged = incident != null && live.incident(incident) != incidentSent[0];
                    incidentSent[0] = incident == null ? 0 : live.incident(incident);
                    Uni<List<jakarta.ws.rs.sse.OutboundSseEvent>> rows = changed.isEmpty() ? Uni.createFrom().item(List.of())
                            : Uni.combine().all().unis(openIncidents(), silences.current()).asTuple()
                                    .chain(x -> views(changed, x.getItem1(), x.getItem2(), Instant.now()))
                                    .map(vs -> vs.stream().map(v -> sse.newEventBuilder().name("row-" + v.id())
                                            .data(oneLine(page(targetRow.data("t", v), ctx, "targets").render())).build()).toList());
                    Uni<List<jakarta.ws.rs.sse.OutboundSseEvent>> tl = !timelineChanged ? Uni.createFrom().item(List.of())
                            : timeline(timelineFragment, incident, ctx).map(ti -> ti == null ? List.of()
                                    : List.of(sse.newEventBuilder().name("timeline").data(oneLine(ti.render())).build()));
                    return Uni.combine().all().unis(rows, tl).asTuple().map(x -> {
                        List<jakarta.ws.rs.sse.OutboundSseEvent> all = new ArrayList<>(x.getItem1());
                        all.addAll(x.getItem2());
                        return all;
                    }).onFailure().recoverWithItem(List.of());
                })
                .onItem().<jakarta.ws.rs.sse.OutboundSseEvent>disjoint();
    }

    private String signature(String id) {
        return history.recent().version(id) + ":" + detection.verdict(id) + ":" + live.target(id);
    }

    /** SSE data: one line (the HTML needs no newlines; each would become its own data line). */
    private static String oneLine(String html) {
        return html.replace("\r", "").replace("\n", " ");
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    /** Open incidents by target: the newest open one of each. */
    Uni<Map<String, String>> openIncidents() {
        return incidents.list("open", null).map(l -> {
            Map<String, String> out = new HashMap<>();
            for (Map<String, Object> i : l) {
                out.putIfAbsent(String.valueOf(i.get("targetId")), String.valueOf(i.get("id")));
            }
            return out;
        });
    }

    /** Rows for the given targets, with uptime over 24 h, 7 d and 30 d (one grouped query). */
    Uni<List<TargetView>> views(List<TargetSpec> targets, Map<String, String> open, List<Silence> current, Instant now) {
        List<String> ids = targets.stream().map(TargetSpec::id).toList();
        return store.uptimes(ids, List.of(now.minus(Duration.ofHours(24)), now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(30))))
                .map(u -> targets.stream().map(t -> TargetView.of(t, detection.verdict(t.id()), detection.evidence(t.id()),
                        history.recent().of(t.id()), history.recent().locations(t.id()), u.get(t.id()), silenced(t, current, now),
                        open.get(t.id()))).toList());
    }

    private boolean state(TargetSpec s, String filter, Map<String, String> open, List<Silence> current, Instant now) {
        return switch (filter == null ? "" : filter) {
            case "failing" -> detection.verdict(s.id()) == Verdict.DOWN || open.containsKey(s.id());
            case "flapping" -> "true".equals(detection.evidence(s.id()).get("flapping"));
            case "silenced" -> silenced(s, current, now);
            default -> true;
        };
    }

    private static boolean silenced(TargetSpec t, List<Silence> current, Instant now) {
        return current.stream().anyMatch(s -> s.activeAt(now) && s.covers(t.id(), t.tags()));
    }

    private static boolean search(TargetSpec s, String q) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.trim().toLowerCase(Locale.ROOT);
        return s.id().contains(needle) || (s.name() != null && s.name().toLowerCase(Locale.ROOT).contains(needle))
                || s.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle));
    }

    /** The group a target is listed under: its first tag (or "untagged"). */
    static String group(TargetSpec s) {
        return s.tags().isEmpty() ? "untagged" : s.tags().get(0);
    }

    TemplateInstance page(TemplateInstance ti, ContainerRequestContext ctx, String section) {
        ConsoleSessions.Session s = (ConsoleSessions.Session) ctx.getProperty(ConsoleFilter.SESSION);
        return ti.data("csrf", csrf(ctx)).data("operator", s != null && s.operator()).data("role", s == null ? "" : s.role().label())
                .data("section", section);
    }

    private String csrf(ContainerRequestContext ctx) {
        ConsoleSessions.Session s = (ConsoleSessions.Session) ctx.getProperty(ConsoleFilter.SESSION);
        return s == null ? "" : keys.sessions().csrf(s);
    }

    @SuppressWarnings("unchecked")
    static List<Violation> violations(Response r) {
        Object e = r.getEntity();
        if (e instanceof Map<?, ?> m && m.get("violations") instanceof List<?> l) {
            return (List<Violation>) l;
        }
        if (e instanceof Map<?, ?> m && m.get("error") != null) {
            return List.of(new Violation("$", String.valueOf(m.get("error"))));
        }
        return List.of(new Violation("$", "refused (" + r.getStatus() + ")"));
    }

    /** A refusal as the small error list the console's forms show (HTML, at the form's error slot). */
    static Response fieldError(ValidationException e) {
        StringBuilder html = new StringBuilder("<ul class=\"errors\" role=\"alert\">");
        for (Violation v : e.violations()) {
            html.append("<li><b>").append(escape(v.field())).append("</b>: ").append(escape(v.message())).append("</li>");
        }
        return Response.status(400).type(MediaType.TEXT_HTML).entity(html.append("</ul>").toString()).build();
    }

    private static Response retarget(Response r, String target) {
        return Response.fromResponse(r).header("HX-Retarget", target).header("HX-Reswap", "innerHTML").build();
    }

    static Response apiError(Response r) {
        return fieldError(new ValidationException(violations(r)));
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
