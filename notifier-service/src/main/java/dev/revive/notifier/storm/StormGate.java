package dev.revive.notifier.storm;

/**
 * Storm control's rule: a request goes out on its own while its target, and the whole fleet, are under their limits
 * of individual notifications within the window; past either, it joins a digest.
 */
public final class StormGate {

    private StormGate() {
    }

    /**
     * @param targetRecent individual notifications of this target within the window (this one not counted)
     * @param globalRecent individual notifications of every target within the window (this one not counted)
     */
    public static boolean overLimit(long targetRecent, long globalRecent, int perTargetLimit, int globalLimit) {
        return targetRecent >= perTargetLimit || globalRecent >= globalLimit;
    }
}
