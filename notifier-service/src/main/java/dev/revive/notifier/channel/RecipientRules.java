package dev.revive.notifier.channel;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.revive.common.contract.Channel;

/** What an address must look like on each channel; a recipient that fails is rejected at intake, never tried. */
public final class RecipientRules {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+$");
    private static final Pattern SNS_ARN = Pattern.compile("^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]+$");

    private RecipientRules() {
    }

    /** Why this recipient cannot be served, or empty when it can. */
    public static Optional<String> problem(Channel channel, String to) {
        if (channel == null) {
            return Optional.of("recipient has no channel");
        }
        if (to == null || to.isBlank()) {
            return Optional.of("recipient on " + channel + " has no address");
        }
        return switch (channel) {
            case EMAIL, SES -> EMAIL.matcher(to).matches() ? Optional.empty()
                    : Optional.of("'" + to + "' is not an email address");
            case SNS -> SNS_ARN.matcher(to).matches() ? Optional.empty()
                    : Optional.of("'" + to + "' is not an SNS topic ARN");
            case SLACK, WEBHOOK -> httpUrl(to) ? Optional.empty()
                    : Optional.of("'" + to + "' is not an http(s) URL");
        };
    }

    private static boolean httpUrl(String to) {
        try {
            URI u = URI.create(to);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
