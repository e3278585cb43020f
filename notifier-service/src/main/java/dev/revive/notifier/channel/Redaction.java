package dev.revive.notifier.channel;

import java.net.URI;

/**
 * Recipients as they may be shown. A Slack or webhook URL is a credential (whoever has it can post): only its scheme
 * and host leave the notifier, in receipts, dead-letter reasons and logs. People who are not admin see no address at
 * all beyond its domain.
 */
public final class Redaction {

    private Redaction() {
    }

    /** The recipient with its secret part hidden: a URL keeps scheme and host; other addresses stay as they are. */
    public static String secretFree(String channel, String to) {
        if (to == null || !isUrlChannel(channel)) {
            return to;
        }
        return urlHost(to);
    }

    /** For a reader who is not admin: URLs as in {@link #secretFree}, an email address by its domain, others hidden. */
    public static String forViewer(String channel, String to) {
        if (to == null || to.isEmpty()) {
            return to;
        }
        if (isUrlChannel(channel)) {
            return urlHost(to);
        }
        int at = to.lastIndexOf('@');
        return at > 0 ? "…" + to.substring(at) : "…";
    }

    /** The text with a URL recipient (and its path) replaced by its {@link #secretFree} form. */
    public static String scrub(String channel, String to, String text) {
        if (text == null || to == null || to.isEmpty() || !isUrlChannel(channel)) {
            return text;
        }
        String out = text.replace(to, urlHost(to));
        try {
            String path = URI.create(to).getRawPath();
            if (path != null && path.length() > 1) {
                out = out.replace(path, "/…");
            }
        } catch (IllegalArgumentException e) {
            // not a URL: the whole value was replaced above
        }
        return out;
    }

    private static boolean isUrlChannel(String channel) {
        return "SLACK".equals(channel) || "WEBHOOK".equals(channel);
    }

    private static String urlHost(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() != null && u.getHost() != null) {
                return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + "/…";
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        return "[redacted]";
    }
}
