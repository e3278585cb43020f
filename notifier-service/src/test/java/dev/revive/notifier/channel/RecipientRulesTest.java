package dev.revive.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;

class RecipientRulesTest {

    @Test
    void accepts_addresses_fit_for_their_channel() {
        assertThat(RecipientRules.problem(Channel.EMAIL, "ops@example.com")).isEmpty();
        assertThat(RecipientRules.problem(Channel.SNS, "arn:aws:sns:eu-west-1:123456789012:ops.fifo")).isEmpty();
        assertThat(RecipientRules.problem(Channel.SLACK, "https://hooks.slack.com/services/T/B/X")).isEmpty();
    }

    @Test
    void rejects_an_address_unfit_for_its_channel() {
        assertThat(RecipientRules.problem(Channel.SES, "ops")).contains("'ops' is not an email address");
        assertThat(RecipientRules.problem(Channel.SNS, "ops@example.com")).contains("'ops@example.com' is not an SNS topic ARN");
        assertThat(RecipientRules.problem(Channel.WEBHOOK, "ftp://x")).contains("'ftp://x' is not an http(s) URL");
    }

    @Test
    void rejects_a_recipient_without_channel_or_address() {
        assertThat(RecipientRules.problem(null, "ops@example.com")).contains("recipient has no channel");
        assertThat(RecipientRules.problem(Channel.EMAIL, " ")).contains("recipient on EMAIL has no address");
    }
}
