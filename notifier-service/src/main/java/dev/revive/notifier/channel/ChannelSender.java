package dev.revive.notifier.channel;

import dev.revive.common.contract.Channel;

/** Sends one rendered message on one channel. Implementations block; the dispatcher runs them on its workers. */
public interface ChannelSender {

    Channel channel();

    /**
     * @return the provider's id of the message (SMTP Message-ID, SES/SNS message id), or null when it gives none
     * @throws SendException when it did not go out; {@link SendException#permanent()} says whether retrying is useless
     */
    String send(Outgoing message) throws SendException;
}
