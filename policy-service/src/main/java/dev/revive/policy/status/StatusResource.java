package dev.revive.policy.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;



import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.console.PublicNotes;
import dev.revive.policy.detection.DetectionService;
import dev.revive.policy.detection.Verdict;
import dev.revive.policy.history.HealthHistory;
import dev.revive.policy.history.HistoryStore;
import dev.revive.policy.incident.api.IncidentQueries;
import dev.revive.policy.registry.TargetRegistry;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The public status page ({@code /status}), its SVG badges and its Atom feed of incidents. Only targets whose spec
 * lists them ({@code statusPage}) appear, under their public name and group; nothing else of a spec (address, headers,
 * ladder) and nothing of an incident but its times, its state and the notes operators published for the public.
 * Open to anyone: no key, no session.
 */
@Path("/status")
public class StatusResource {

    static final int DAYS = 90;

    @Inject
    PolicyConfig config;
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
    PublicNotes notes;

    @Location("status/page.html")
    Template page;
    @Location("status/feed.xml")
    Template feed;

    /** A public target: its id (for badges), public name, group and state. */
    public record Listed(String id, String name, String group, String state, String uptime90d, List<Day> days) {
    }

    /** One bar of the 90-day strip. */
    public record Day(String date, String css, String title) {
    }

    /** An incident as the public sees it. */
    public record PublicIncident(String id, String target, String state, Instant openedAt, Instant resolvedAt,
            List<PublicNotes.Note> notes) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page() {
        return registry.ready().chain(() -> {
            List<TargetSpec> listed = listed();
            Instant now = Instant.now();
            return Uni.combine().all().unis(store.daily(listed.stream().map(TargetSpec::id).toList(), DAYS, now), publicIncidents(listed))
                    .asTuple().map(x -> {
                        Map<String, List<Listed>> groups = new TreeMap<>();
                        for (TargetSpec t : listed) {
                            HistoryStore.Uptime[] days = x.getItem1().getOrDefault(t.id(), new HistoryStore.Uptime[DAYS]);
                            groups.computeIfAbsent(t.statusPage().effectiveGroup(), k -> new ArrayList<>())
                                    .add(new Listed(t.id(), publicName(t), t.statusPage().effectiveGroup(), state(t), uptime(days),
                                            bars(days, now)));
                        }
                        List<PublicIncident> all = x.getItem2();
                        List<PublicIncident> active = all.stream().filter(i -> i.resolvedAt() == null).toList();
                        List<PublicIncident> past = all.stream().filter(i -> i.resolvedAt() != null).limit(20).toList();
                        Map<String, String> groupState = new LinkedHashMap<>();
                        groups.forEach((g, l) -> groupState.put(g, worst(l.stream().map(Listed::state).toList())));
                        return page.data("title", config.console().statusTitle()).data("logo", config.console().statusLogoUrl().orElse(null))
                                .data("groups", groups).data("groupState", groupState).data("active", active).data("past", past)
                                .data("overall", worst(new ArrayList<>(groupState.values())));
                    });
        });
    }

    /** A badge: {@code status}, {@code uptime} (window 24h, 7d, 30d) or {@code response} (last latency) of a public target. */
    @GET
    @Path("badge/{id}/{kind:status|uptime|response}.svg")
    @Produces("image/svg+xml")
    public Uni<Response> badge(@PathParam("id") String id, @PathParam("kind") String kind, @QueryParam("window") String window) {
        return registry.ready().chain(() -> {
            TargetSpec t = registry.get(id);
            if (t == null || !t.listedPublicly()) {
                return Uni.createFrom().item(Response.status(404).type("image/svg+xml").entity(Badges.svg("status", "unknown", Badges.GREY)).build());
            }
            return switch (kind) {
                case "uptime" -> {
                    Duration d = window(window);
                    yield store.uptime(List.of(id), Instant.now().minus(d)).map(u -> {
                        Double p = u.get(id) == null ? null : u.get(id).percent();
                        return svg(Badges.svg("uptime " + label(window), p == null ? "no data" : String.format(Locale.ROOT, "%.2f%%", p),
                                p == null ? Badges.GREY : p >= 99.9 ? Badges.GREEN : p >= 99 ? Badges.YELLOW : Badges.RED));
                    });
                }
                case "response" -> {
                    var recent = history.recent().of(id);
                    String v = recent.isEmpty() ? "no data" : recent.get(recent.size() - 1).latencyMs() + " ms";
                    yield Uni.createFrom().item(svg(Badges.svg("response", v, Badges.BLUE)));
                }
                default -> {
                    String s = state(t);
                    yield Uni.createFrom().item(svg(Badges.svg("status", s, Badges.color(s))));
                }
            };
        });
    }

    /** A group's status badge: the worst state of its public targets. */
    @GET
    @Path("badge/group/{group}.svg")
    @Produces("image/svg+xml")
    public Uni<Response> groupBadge(@PathParam("group") String group) {
        return registry.ready().map(x -> {
            List<String> states = listed().stream().filter(t -> t.statusPage().effectiveGroup().equals(group)).map(this::state).toList();
            if (states.isEmpty()) {
                return Response.status(404).type("image/svg+xml").entity(Badges.svg(group, "unknown", Badges.GREY)).build();
            }
            String s = worst(states);
            return svg(Badges.svg(group, s, Badges.color(s)));
        });
    }

    /** The incidents of public targets as an Atom feed, newest first. */
    @GET
    @Path("feed.atom")
    @Produces("application/atom+xml")
    public Uni<TemplateInstance> atom() {
        return registry.ready().chain(() -> publicIncidents(listed())).map(l -> feed.data("title", config.console().statusTitle())
                .data("base", config.publicUrl()).data("incidents", l).data("updated", l.isEmpty() ? Instant.now() : l.get(0).openedAt()));
    }

    private List<TargetSpec> listed() {
        return registry.all().stream().filter(TargetSpec::listedPublicly)
                .sorted(Comparator.comparing((TargetSpec t) -> t.statusPage().effectiveGroup()).thenComparing(StatusResource::publicName)).toList();
    }

    private Uni<List<PublicIncident>> publicIncidents(List<TargetSpec> listed) {
        Map<String, TargetSpec> byId = new LinkedHashMap<>();
        listed.forEach(t -> byId.put(t.id(), t));
        return incidents.list(null, null).chain(all -> {
            List<Map<String, Object>> mine = all.stream().filter(i -> byId.containsKey(String.valueOf(i.get("targetId")))).limit(50).toList();
            return notes.byIncident(mine.stream().map(i -> String.valueOf(i.get("id"))).toList()).map(n -> mine.stream()
                    .map(i -> new PublicIncident(String.valueOf(i.get("id")), publicName(byId.get(String.valueOf(i.get("targetId")))),
                            "RESOLVED".equals(String.valueOf(i.get("phase"))) ? "resolved" : "investigating", (Instant) i.get("openedAt"),
                            (Instant) i.get("resolvedAt"), n.getOrDefault(String.valueOf(i.get("id")), List.of())))
                    .toList());
        });
    }

    private String state(TargetSpec t) {
        Verdict v = detection.verdict(t.id());
        return v == Verdict.UP ? "operational" : v == Verdict.DOWN ? "down" : "unknown";
    }

    static String worst(List<String> states) {
        return states.contains("down") ? "down" : states.contains("unknown") ? (states.contains("operational") ? "degraded" : "unknown")
                : states.contains("degraded") ? "degraded" : states.isEmpty() ? "unknown" : "operational";
    }

    static String publicName(TargetSpec t) {
        String n = t.statusPage() == null ? null : t.statusPage().displayName();
        return n != null && !n.isBlank() ? n : t.name() != null && !t.name().isBlank() ? t.name() : t.id();
    }

    private static List<Day> bars(HistoryStore.Uptime[] days, Instant now) {
        List<Day> out = new ArrayList<>(DAYS);
        Instant first = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS - 1L));
        for (int i = 0; i < DAYS; i++) {
            String date = first.plus(Duration.ofDays(i)).toString().substring(0, 10);
            HistoryStore.Uptime u = days[i];
            Double p = u == null ? null : u.percent();
            String css = p == null ? "none" : p >= 99.9 ? "up" : p >= 95 ? "partial" : "down";
            out.add(new Day(date, css, date + ": " + (p == null ? "no data" : String.format(Locale.ROOT, "%.2f%% up", p))));
        }
        return out;
    }

    private static String uptime(HistoryStore.Uptime[] days) {
        long probes = 0;
        long failures = 0;
        for (HistoryStore.Uptime u : days) {
            if (u != null) {
                probes += u.probes();
                failures += u.failures();
            }
        }
        return probes == 0 ? "–" : String.format(Locale.ROOT, "%.2f%%", 100.0 * (probes - failures) / probes);
    }

    private static Duration window(String w) {
        return switch (w == null ? "24h" : w) {
            case "7d" -> Duration.ofDays(7);
            case "30d" -> Duration.ofDays(30);
            default -> Duration.ofHours(24);
        };
    }

    private static String label(String w) {
        return w == null || !(w.equals("7d") || w.equals("30d")) ? "24h" : w;
    }

    private static Response svg(String body) {
        return Response.ok(body, "image/svg+xml").header("Cache-Control", "max-age=60").build();
    }
}
