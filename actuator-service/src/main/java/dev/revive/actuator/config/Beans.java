package dev.revive.actuator.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.revive.common.signing.CommandSigner;

/** The plain objects the actuator is wired from. */
public class Beans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Verifies with every configured key ({@code keyId:secret[,keyId:secret]}, secrets of 32 bytes or more). */
    @Produces
    @ApplicationScoped
    CommandSigner signer(@ConfigProperty(name = "revive.signing.keys") String keys, Clock clock) {
        return CommandSigner.fromConfig(keys, null, clock);
    }

    @Produces
    @Singleton
    Secrets secrets(ActuatorConfig config, Config mp) {
        return Secrets.from(config.exec().secretProperties(), name -> mp.getOptionalValue(name, String.class), System.getenv());
    }
}
