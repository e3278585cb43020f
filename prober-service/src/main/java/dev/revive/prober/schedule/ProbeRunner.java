package dev.revive.prober.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Drift;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.prober.drift.Baselines;
import dev.revive.prober.drift.BlockSignatures;
import dev.revive.prober.drift.DriftDetector;
import dev.revive.prober.drift.DriftFinding;
import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.ErrorClassifier;
import dev.revive.prober.probe.ProbeOutcome;
import dev.revive.prober.probe.TcpProber;
import dev.revive.prober.probe.Texts;
import io.vertx.core.Future;

/**
 * Runs one probe of a target by its kind and turns the outcome into a {@link ProbeResult}: identity, location,
 * this instance, the next sequence number and, for drift probes, the comparison with the baseline (taken at the
 * first successful probe, or again after a re-arm, and kept in {@link Baselines}, so a restarted prober or one that
 * takes the target over compares against the same baseline).
 */
public final class ProbeRunner {

    private final HttpProber http;
    private final TcpProber tcp;
    private final String location;
    private final String proberId;
    private final Baselines baselines;
    private final int maxDeltaBytes;

    /** Most detail characters a result carries (exception messages, server text). */
    static final int MAX_DETAIL_CHARS = 1024;
    /** Default cap of a drift delta, whatever a target asks for. */
    public static final int DEFAULT_MAX_DELTA_BYTES = 4096;

    public ProbeRunner(HttpProber http, TcpProber tcp, String location, String proberId) {
        this(http, tcp, location, proberId, Baselines.inMemory());
    }

    public ProbeRunner(HttpProber http, TcpProber tcp, String location, String proberId, Baselines baselines) {
        this(http, tcp, location, proberId, baselines, DEFAULT_MAX_DELTA_BYTES);
    }

    /**
     * @param maxDeltaBytes most literal bytes of a drift delta a result carries, whatever the target's
     *                      {@code maxDeltaBytes}: the delta is read back by whoever reads results, so it never carries
     *                      a whole body
     */
    public ProbeRunner(HttpProber http, TcpProber tcp, String location, String proberId, Baselines baselines,
            int maxDeltaBytes) {
        this.http = http;
        this.tcp = tcp;
        this.location = location;
        this.proberId = proberId;
        this.baselines = baselines;
        this.maxDeltaBytes = maxDeltaBytes;
    }

    /** Drops a target's drift baseline here and in the store; the next successful probe takes a new one. */
    public void rearm(TargetState s) {
        s.baseline(null);
        baselines.drop(s.id());
    }

    public Baselines baselines() {
        return baselines;
    }

    public String location() {
        return location;
    }

    public String proberId() {
        return proberId;
    }

    public Future<ProbeResult> run(TargetState s) {
        TargetSpec spec = s.spec();
        Probe p = spec.probe();
        Instant started = Instant.now();
        Future<ProbeOutcome> f;
        try {
            f = switch (p.kind()) {
                case HTTP -> http.probe(p, false);
                case CONTENT_DRIFT -> http.probe(p, true);
                case TCP -> tcp.probe(p);
                case HOST_AGENT -> Future.succeededFuture(new ProbeOutcome(ErrorClass.IO, null, null, null, null, 0,
                        "HOST_AGENT targets are served by a prober in host-agent mode on the host itself"));
            };
        } catch (RuntimeException e) {
            // Settings the engine could not even start with: a failed probe, never one that stays in flight.
            f = Future.succeededFuture(new ProbeOutcome(ErrorClassifier.classify(e), null, null, null, null, 0,
                    "probe could not start: " + ErrorClassifier.describe(e)));
        }
        return f.map(o -> result(s, spec, o, started));
    }

    private ProbeResult result(TargetState s, TargetSpec spec, ProbeOutcome o, Instant started) {
        ErrorClass error = o.errorClass();
        String detail = o.detail();
        ProbeResult.DriftReport report = null;
        if (spec.probe().kind() == TargetSpec.ProbeKind.CONTENT_DRIFT && o.up() && o.body() != null) {
            Drift d = spec.probe().drift() == null ? new Drift(null, null, null) : spec.probe().drift();
            int blockSize = d.effectiveBlockSize();
            BlockSignatures base = s.baseline();
            if (base != null && !Objects.equals(s.baselineUrl(), spec.probe().url())) {
                // The target now points elsewhere: comparing the new site with the old baseline would publish the
                // new body as the delta. A new baseline is taken instead.
                base = null;
                s.baseline(null);
                detail = detail + "; drift baseline reset (URL changed)";
            }
            if (base == null && baselines.ready()) {
                // After a restart or a takeover: the baseline this location armed before, if it fits the settings.
                Baselines.Stored st = baselines.get(s.id());
                if (st != null && st.signatures().blockSize() == blockSize && Objects.equals(st.url(), spec.probe().url())) {
                    base = st.signatures();
                    s.baseline(base, st.url());
                    detail = detail + "; drift baseline restored (armed " + st.armedAt() + " by " + st.proberId() + ")";
                }
            }
            if (base == null && !baselines.ready()) {
                // Arming now could replace the stored baseline with, say, a defaced page: wait until it is read.
                detail = detail + "; drift not checked: stored baselines still loading";
            } else if (base == null || base.blockSize() != blockSize) {
                BlockSignatures sig = BlockSignatures.of(o.body(), blockSize);
                s.baseline(sig, spec.probe().url());
                baselines.save(s.id(), new Baselines.Stored(sig, spec.probe().url(), Instant.now(), proberId));
                detail = detail + "; drift baseline taken (" + o.body().length + " bytes)";
            } else {
                DriftFinding finding = DriftDetector.compare(base, o.body(), Math.min(d.effectiveMaxDeltaBytes(), maxDeltaBytes));
                report = finding.toReport();
                report = new ProbeResult.DriftReport(report.changedFraction(), report.changedRanges(), report.literalBytes(),
                        Texts.clean(report.delta()));
                detail = detail + "; " + finding.summary();
                if (finding.exceeds(d.effectiveMaxChangedFraction())) {
                    error = ErrorClass.CONTENT_DRIFT;
                }
            }
        }
        return new ProbeResult(UUID.randomUUID().toString(), s.id(), location, proberId, s.nextSeq(), started,
                o.durationMicros(), error == ErrorClass.NONE ? Outcome.UP : Outcome.DOWN, error, o.statusCode(),
                o.tlsDaysLeft(), Texts.clean(o.address(), 256), report, Texts.clean(detail, MAX_DETAIL_CHARS));
    }
}
