package dev.revive.launcher;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mailbox: a real SMTP server (GreenMail) on loopback that accepts every message and writes it
 * as an {@code .eml} file into a folder, where any mail client or {@code cat} can read it.
 *
 * <p>Arguments: {@code --port N --dir DIR}. Prints {@code REVIVE-MAIL-READY port} once listening.
 */
public final class MailSink {

    public static final String READY = "REVIVE-MAIL-READY ";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);

    private MailSink() {
    }

    public static void main(String[] args) throws Exception {
        int port = 2525;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("missing --dir");
        }
        Files.createDirectories(dir);
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "mail-stop"));
        System.out.println(READY + port);
        System.out.flush();
        int written = 0;
        while (true) {
            MimeMessage[] received = mail.getReceivedMessages();
            for (; written < received.length; written++) {
                MimeMessage m = received[written];
                String subject = m.getSubject() == null ? "no-subject" : m.getSubject();
                String safe = subject.replaceAll("[^A-Za-z0-9._-]+", "-");
                if (safe.length() > 60) {
                    safe = safe.substring(0, 60);
                }
                Path file = dir.resolve(String.format("%s-%04d-%s.eml", STAMP.format(Instant.now()), written + 1, safe));
                try (OutputStream out = Files.newOutputStream(file)) {
                    m.writeTo(out);
                }
                System.out.println("mail " + file.getFileName() + " to " + String.join(",",
                        java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList()));
                System.out.flush();
            }
            Thread.sleep(200);
        }
    }
}
