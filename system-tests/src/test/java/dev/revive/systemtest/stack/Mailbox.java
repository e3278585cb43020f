package dev.revive.systemtest.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The stack's mailbox: the {@code .eml} files the {@code MailSink} wrote. An email is identified by the headers the
 * notifier sets: {@code X-Revive-Notification-Id}, {@code X-Revive-Notification-Kind}, {@code X-Revive-Target-Id}.
 */
public final class Mailbox {

    public static final String NOTIFICATION_ID = "X-Revive-Notification-Id";
    public static final String NOTIFICATION_KIND = "X-Revive-Notification-Kind";
    public static final String TARGET_ID = "X-Revive-Target-Id";

    private final Path dir;

    Mailbox(Path dir) {
        this.dir = dir;
    }

    /** One email: its file, when the file was written, and its headers (names in lower case). */
    public record Mail(Path file, Instant savedAt, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String notificationId() {
            return header(NOTIFICATION_ID);
        }

        public String kind() {
            return header(NOTIFICATION_KIND);
        }
    }

    public List<Mail> all() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Mail> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                out.add(read(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The emails of one incident: the policy's notification ids start with the incident's id. */
    public List<Mail> ofIncident(String incidentId) {
        return all().stream().filter(m -> m.notificationId() != null && m.notificationId().startsWith(incidentId + "-"))
                .toList();
    }

    static Mail read(Path file) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String name = null;
            StringBuilder value = new StringBuilder();
            for (String line; (line = r.readLine()) != null && !line.isEmpty();) {
                if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                    value.append(' ').append(line.strip());
                    continue;
                }
                if (name != null) {
                    headers.putIfAbsent(name, value.toString());
                }
                int colon = line.indexOf(':');
                name = colon < 0 ? null : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                value = new StringBuilder(colon < 0 ? "" : line.substring(colon + 1).strip());
            }
            if (name != null) {
                headers.putIfAbsent(name, value.toString());
            }
        }
        return new Mail(file, Files.getLastModifiedTime(file).toInstant(), headers);
    }
}
