package dev.revive.actuator.config;

/** Compile-time defaults of the exec configuration (annotation values must be constants). */
final class ExecEnvironmentDefaults {

    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecEnvironmentDefaults() {
    }
}
