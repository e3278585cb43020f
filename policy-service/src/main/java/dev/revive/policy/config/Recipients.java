package dev.revive.policy.config;

import java.util.ArrayList;
import java.util.List;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.NotificationRequest.Recipient;

/** The {@code CHANNEL:address} entries of {@code revive.notifications.default-recipients}, read once. */
public final class Recipients {

    private Recipients() {
    }

    public static List<Recipient> parse(List<String> entries) {
        List<Recipient> out = new ArrayList<>();
        for (String e : entries) {
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("recipient must be CHANNEL:address, got '" + e + "'");
            }
            out.add(new Recipient(Channel.valueOf(e.substring(0, colon).trim().toUpperCase()), e.substring(colon + 1).trim()));
        }
        return out;
    }
}
