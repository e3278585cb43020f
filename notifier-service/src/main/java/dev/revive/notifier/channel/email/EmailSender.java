package dev.revive.notifier.channel.email;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import dev.revive.common.contract.Channel;
import dev.revive.notifier.channel.ChannelSender;
import dev.revive.notifier.channel.Outgoing;
import dev.revive.notifier.channel.SendException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SMTP email through the Quarkus Mailer ({@code quarkus.mailer.host/port/from/username/password}), text and HTML.
 * The Message-ID is derived from the ledger key, so a message the server saw twice (a crash between its 250 and our
 * commit) is recognizable as the same one. Headers {@code X-Revive-Notification-Id}, {@code X-Revive-Notification-Kind}
 * and {@code X-Revive-Target-Id} say which notification it is.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ReactiveMailer mailer;

    EmailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(Outgoing m) throws SendException {
        String messageId = "<" + m.notificationId().replaceAll("[^A-Za-z0-9._-]", "_") + "@revive.notifier>";
        Mail mail = Mail.withText(m.to(), m.message().subject(), m.message().text())
                .setHtml(m.message().html())
                .addHeader("Message-ID", messageId)
                .addHeader("X-Revive-Notification-Id", m.notificationId());
        // What the email is about (OPENED, STEP_STARTED, ..., DIGEST), for filters and tests that must not guess
        // it from the subject line.
        Object kind = m.payload() == null ? null : m.payload().get("kind");
        if (kind != null) {
            mail.addHeader("X-Revive-Notification-Kind", kind.toString());
        }
        if (m.targetId() != null) {
            mail.addHeader("X-Revive-Target-Id", m.targetId());
        }
        try {
            mailer.send(mail).await().atMost(TIMEOUT);
            return messageId;
        } catch (CompletionException e) {
            throw classify(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    private static SendException classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return new SendException("SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage(), smtp.isPermanent(), e);
            }
        }
        return SendException.transientFailure("SMTP: " + e, e);
    }
}
