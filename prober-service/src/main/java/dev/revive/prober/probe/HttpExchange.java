package dev.revive.prober.probe;

import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Future;

/**
 * One HTTP exchange of a probe, the one thing every HTTP client of the prober does: connect to a checked address
 * (see {@link AddressPolicy}), send the probe's request, read the status and at most {@code maxBody} bytes of body
 * when asked, all within one deadline. Two implementations: {@link FreshExchange} (a connection of its own, on Netty;
 * the default) and {@link VertxExchange} (Vert.x's client, for keep-alive and redirects). {@code HttpExchangeContractTest}
 * runs the same cases against both. The verdict (expected status, body checks) is {@link HttpProber}'s, not theirs.
 */
interface HttpExchange extends AutoCloseable {

    /** What came back: a status (and the body if asked), or a failure, or the deadline; status 0 when none came. */
    record Result(int status, byte[] body, Integer tlsDaysLeft, String address, Throwable failure, boolean timedOut) {
    }

    /**
     * Runs the exchange for a probe whose URL was checked (absolute, http or https, with a host); the future always
     * succeeds, failures and the deadline are in the result.
     */
    Future<Result> exchange(Probe p, boolean readBody, int maxBody, long timeoutMs);

    @Override
    default void close() {
    }
}
