package dev.revive.policy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.topic.Topics;
import dev.revive.policy.detection.WarningRules;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A stalled prober must never look like a healthy site: missing results raise a WARNING and tell the admin. */
@QuarkusTest
@TestProfile(GuardrailsProfile.class)
class WatchdogIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Test
    void results_that_stop_raise_a_warning_with_a_notice_and_results_that_resume_clear_it() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("stalled"), 600, 3);
        LadderEndToEndIT.register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        // ... and then nothing from eu-west-1 (probed every second: silent after 3 s + 1 s).

        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.evidence()).containsEntry("rule", WarningRules.RESULTS_MISSING)
                .containsEntry("silentLocations", "eu-west-1").containsEntry("everHeard.eu-west-1", "true");
        assertThat(opened.reason()).contains("no probe results from eu-west-1");
        NotificationRequest notice = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> opened.incidentId().equals(n.incidentId()) && n.kind() == Kind.WARNING, 1, WAIT).get(0).data();
        assertThat(notice.recipients()).isNotEmpty();

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        var resolved = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class,
                e -> e.incidentId().equals(opened.incidentId()), 1, WAIT).get(0).data();
        assertThat(resolved.reason()).contains("arrive again");
    }

    @Test
    void a_target_no_location_ever_reports_on_raises_a_warning() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("unwatched"), 600, 3);
        LadderEndToEndIT.register(t);
        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.evidence()).containsEntry("everHeard.eu-west-1", "false");
    }
}
