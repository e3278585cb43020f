package dev.revive.prober.schedule;

import dev.revive.common.contract.ProbeResult;

/** Where finished probe results go (Kafka in the service, a list in tests). */
@FunctionalInterface
public interface ResultSink {
    void accept(ProbeResult r);
}
