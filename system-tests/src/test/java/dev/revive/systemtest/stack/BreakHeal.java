package dev.revive.systemtest.stack;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import dev.revive.systemtest.stack.PolicyApi.Incident;

/**
 * One break/heal: kill -9 of the demo web server, optionally a fault injected once the incident reached a stage,
 * then wait until the incident is resolved and its four emails are in the mailbox, and a few seconds more in which
 * nothing else may arrive (a late duplicate email or action would show up there). What it saw is the {@link Outcome}.
 */
public final class BreakHeal {

    /** The emails one break/heal sends, one of each. */
    public static final Set<String> EXPECTED_KINDS = Set.of("OPENED", "STEP_STARTED", "STEP_SUCCEEDED", "RESOLVED");

    /** Where in the incident a fault is injected. */
    public enum Stage {
        DEMO_KILLED(null), OPENED("opened.v1"), STEP_STARTED("step-started.v1"), STEP_SUCCEEDED("step-succeeded.v1"),
        /** The first email (OPENED) delivered, before step 1 starts: the next notifications are still to come. */
        FIRST_EMAIL_DELIVERED("admin-notified.v1");

        private final String event;

        Stage(String event) {
            this.event = event;
        }
    }

    /** What one break/heal did. */
    public record Outcome(Instant brokeAt, List<Incident> opened, Incident incident, int demoRestarts,
            int restartCommands, List<ActuatorLedger.Row> ledger, List<Mailbox.Mail> mails) {

        public String phase() {
            return incident == null ? "NO-INCIDENT" : incident.phase();
        }

        /** Emails per notification kind. */
        public Map<String, Long> kinds() {
            return mails.stream().collect(Collectors.groupingBy(m -> String.valueOf(m.kind()), Collectors.counting()));
        }

        /** Emails per notification id (more than one is a duplicate). */
        public Map<String, Long> perNotificationId() {
            return mails.stream().collect(Collectors.groupingBy(m -> String.valueOf(m.notificationId()), Collectors.counting()));
        }

        public String describe() {
            return "incident " + (incident == null ? "-" : incident.id()) + " " + phase() + ", incidents opened "
                    + opened.size() + ", demo restarts " + demoRestarts + ", restart-demo runs " + restartCommands
                    + ", ledger " + ledger + ", emails " + kinds()
                    + (incident == null ? "" : "\n  timeline:\n" + incident.timeline().stream()
                            .map(e -> "    %+8.2f s  %-16s %s".formatted(
                                    Duration.between(brokeAt, e.at()).toMillis() / 1000.0, e.shortType(), e.text()))
                            .collect(Collectors.joining("\n")));
        }
    }

    private final Stack stack;
    private final Duration timeout;
    private final Duration settle;

    public BreakHeal(Stack stack, Duration timeout, Duration settle) {
        this.stack = stack;
        this.timeout = timeout;
        this.settle = settle;
    }

    public Outcome run() {
        return run(Stage.DEMO_KILLED, null);
    }

    /** Breaks the demo; once the incident reached {@code stage}, runs {@code fault} (null: none). */
    public Outcome run(Stage stage, Runnable fault) {
        stack.ensureSteady();
        Counts before = new Counts(stack.demoStarts(), stack.restartCommands());
        Instant t0 = stack.breakDemo();
        if (fault != null) {
            if (stage.event != null) {
                await("incident at " + stage).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() -> incidentOf(t0).map(i -> i.has(stage.event) || i.has("resolved.v1")).orElse(false));
            }
            Stack.log("fault at " + stage + ", " + Duration.between(t0, Instant.now()).toMillis() + " ms after the break");
            fault.run();
        }
        try {
            await("incident resolved and its emails sent").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> incidentOf(t0).filter(i -> "RESOLVED".equals(i.phase()))
                            .map(i -> stack.mailbox().ofIncident(i.id()).stream().map(Mailbox.Mail::kind)
                                    .collect(Collectors.toSet()).containsAll(EXPECTED_KINDS))
                            .orElse(false));
        } catch (ConditionTimeoutException e) {
            Stack.log("not resolved with all its emails within " + timeout + ": " + e.getMessage());
        }
        Outcome seen = readable(t0, before);
        // A late duplicate (a redelivered command, an email re-sent after a lease) would change what was seen.
        try {
            await("nothing more for " + settle).during(settle).atMost(settle.multipliedBy(2)).ignoreExceptions()
                    .until(() -> same(seen, outcome(t0, before)));
        } catch (ConditionTimeoutException e) {
            Stack.log("something arrived after the incident was resolved");
        }
        Outcome last = readable(t0, before);
        Stack.log("break/heal: " + last.describe());
        return last;
    }

    private static boolean same(Outcome a, Outcome b) {
        Function<Outcome, List<Object>> key = o -> List.of(o.opened().size(), o.demoRestarts(), o.restartCommands(),
                o.ledger().size(), o.mails().size());
        return key.apply(a).equals(key.apply(b));
    }

    /** The target's first incident opened since the break, with its timeline. */
    private java.util.Optional<Incident> incidentOf(Instant t0) {
        List<Incident> rows = stack.api().incidentsSince(DemoTarget.ID, t0);
        return rows.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(stack.api().incident(rows.get(0).id()));
    }

    /** The outcome, once the policy answers (it may be starting again after a fault). */
    private record Counts(int starts, int restartCommands) {
    }

    private Outcome readable(Instant t0, Counts before) {
        return await("the policy's incidents").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> outcome(t0, before), o -> true);
    }

    private Outcome outcome(Instant t0, Counts before) {
        List<Incident> opened = stack.api().incidentsSince(DemoTarget.ID, t0);
        Incident first = opened.isEmpty() ? null : stack.api().incident(opened.get(0).id());
        List<ActuatorLedger.Row> ledger = first == null ? List.of() : stack.ledger().ofIncident(first.id());
        List<Mailbox.Mail> mails = first == null ? List.of() : stack.mailbox().ofIncident(first.id());
        return new Outcome(t0, opened, first, stack.demoStarts() - before.starts(),
                stack.restartCommands() - before.restartCommands(), ledger, mails);
    }
}
