package dev.revive.policy.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How the console and the status page print times: {@code {event.at.when}} → {@code 2026-12-02 15:28:38 UTC}. */
@TemplateExtension
public final class ConsoleFormats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ConsoleFormats() {
    }

    static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }
}
