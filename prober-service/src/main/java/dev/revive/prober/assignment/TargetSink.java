package dev.revive.prober.assignment;

import dev.revive.common.contract.TargetSpec;

/** What the assignment tells the scheduler: targets this instance owns now, and those it no longer owns. */
public interface TargetSink {

    void upsert(TargetSpec spec, int partition);

    void remove(String targetId);

    void removePartition(int partition);
}
