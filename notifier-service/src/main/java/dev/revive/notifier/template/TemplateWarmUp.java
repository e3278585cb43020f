package dev.revive.notifier.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.Severity;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Renders one sample of every kind and a digest once at start-up, off the start-up thread: the first real request
 * then finds the templates parsed and their classes loaded instead of paying for it while an admin waits for the
 * "restart planned unless you hold it" email.
 */
@ApplicationScoped
class TemplateWarmUp {

    private static final Logger LOG = Logger.getLogger(TemplateWarmUp.class);

    void warm(@Observes StartupEvent ev, Renderer renderer) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                Instant at = Instant.now();
                List<NotificationRequest> samples = java.util.Arrays.stream(Kind.values())
                        .map(k -> new NotificationRequest("warm-up-" + k, "inc-warm-up", "warm-up", "warm-up", k,
                                Severity.CRITICAL, 1, "restart", "warm-up", Map.of("outageSeconds", "1"),
                                Map.of("hold", "https://revive.invalid/hold", "ack", "https://revive.invalid/ack"),
                                List.of(), List.of(new NotificationRequest.TimelineEntry(at, "warm-up")), List.of(), at, at))
                        .toList();
                samples.forEach(renderer::render);
                renderer.digest(samples);
            } catch (RuntimeException e) {
                LOG.debugf("template warm-up failed (the first real render pays instead): %s", e.toString());
            }
        });
    }
}
