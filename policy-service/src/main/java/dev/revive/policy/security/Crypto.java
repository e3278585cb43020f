package dev.revive.policy.security;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.revive.common.signing.CommandSigner;
import dev.revive.policy.config.PolicyConfig;

/** Builds the command signer and the link-token signer from configuration. */
@ApplicationScoped
public class Crypto {

    @Produces
    @Singleton
    CommandSigner commandSigner(PolicyConfig config) {
        return CommandSigner.fromConfig(config.signing().keys(), config.signing().activeKeyId().orElse(null), Clock.systemUTC());
    }

    @Produces
    @Singleton
    LinkTokens linkTokens(PolicyConfig config) {
        return new LinkTokens(config.links().secret(), config.links().ttl(), Clock.systemUTC());
    }
}
