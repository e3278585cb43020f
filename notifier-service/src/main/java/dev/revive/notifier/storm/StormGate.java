package dev.revive.notifier.storm;

import dev.revive.common.contract.NotificationRequest.Kind;

/**
 * Storm control's rule: a request goes out on its own while its target, and the whole fleet, are under their limits
 * of individual notifications within the window; past either, it joins a digest. A request that carries the hold and
 * acknowledge links (OPENED) or asks a person to act (NEEDS_HUMAN) always goes out on its own: a digest sent a window
 * later would arrive after the action it lets someone stop.
 */
public final class StormGate {

    private StormGate() {
    }

    /** Whether requests of this kind may be held back into a digest at all (unknown kinds may). */
    public static boolean mayGroup(Kind kind) {
        return kind != Kind.OPENED && kind != Kind.NEEDS_HUMAN;
    }

    /**
     * @param targetRecent individual notifications of this target within the window (this one not counted)
     * @param globalRecent individual notifications of every target within the window (this one not counted)
     */
    public static boolean overLimit(long targetRecent, long globalRecent, int perTargetLimit, int globalLimit) {
        return targetRecent >= perTargetLimit || globalRecent >= globalLimit;
    }

    /** Whether a request of this kind, with these counts, joins a digest. */
    public static boolean grouped(Kind kind, long targetRecent, long globalRecent, int perTargetLimit, int globalLimit) {
        return mayGroup(kind) && overLimit(targetRecent, globalRecent, perTargetLimit, globalLimit);
    }
}
