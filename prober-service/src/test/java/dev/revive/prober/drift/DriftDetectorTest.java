package dev.revive.prober.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private static final int BLOCK = 16;

    /** Pseudo-random printable text, so that no two blocks look alike by accident. */
    private static byte[] text(int length, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + r.nextInt(26));
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static DriftFinding compare(byte[] baseline, byte[] body) {
        return DriftDetector.compare(BlockSignatures.of(baseline, BLOCK), body, 1024);
    }

    @Test
    void an_unchanged_body_has_no_literal_bytes() {
        byte[] base = text(160, 1);
        DriftFinding f = compare(base, base.clone());
        assertThat(f.changedFraction()).isZero();
        assertThat(f.missingFraction()).isZero();
        assertThat(f.changedRanges()).isEmpty();
        assertThat(f.matchedBlocks()).isEqualTo(10);
        assertThat(f.movedBlocks()).isZero();
        assertThat(f.delta()).isEmpty();
    }

    @Test
    void an_insertion_is_reported_as_exactly_the_inserted_bytes_at_its_offset() {
        byte[] base = text(160, 2);
        byte[] inserted = utf8("<script>evil()</script>");
        byte[] body = concat(slice(base, 0, 37), inserted, slice(base, 37, 160));
        DriftFinding f = compare(base, body);
        // The block cut by the insertion (32..48) cannot match, so its own 16 bytes count too.
        assertThat(f.changedRanges()).singleElement().satisfies(r -> {
            assertThat(r[0]).isEqualTo(32);
            assertThat(r[1]).isEqualTo(48 + inserted.length);
        });
        assertThat(f.literalBytes()).isEqualTo(16 + inserted.length);
        assertThat(f.delta()).contains("<script>evil()</script>");
        assertThat(f.matchedBlocks()).isEqualTo(9);
        assertThat(f.movedBlocks()).isEqualTo(7);
    }

    @Test
    void an_insertion_on_a_block_boundary_costs_only_the_inserted_bytes() {
        byte[] base = text(160, 3);
        byte[] body = concat(slice(base, 0, 64), utf8("HELLO"), slice(base, 64, 160));
        DriftFinding f = compare(base, body);
        assertThat(f.changedRanges()).singleElement().satisfies(r -> assertThat(r).containsExactly(64, 69));
        assertThat(f.delta()).isEqualTo("HELLO");
        assertThat(f.missingFraction()).isZero();
    }

    @Test
    void a_deleted_block_leaves_no_literal_but_shows_as_missing_baseline() {
        byte[] base = text(160, 4);
        byte[] body = concat(slice(base, 0, 48), slice(base, 64, 160));
        DriftFinding f = compare(base, body);
        assertThat(f.literalBytes()).isZero();
        assertThat(f.changedFraction()).isZero();
        assertThat(f.matchedBlocks()).isEqualTo(9);
        assertThat(f.missingFraction()).isEqualTo(16.0 / 160);
    }

    @Test
    void moved_blocks_are_found_at_their_new_offsets() {
        byte[] base = text(64, 5);
        byte[] body = concat(slice(base, 48, 64), slice(base, 0, 16), slice(base, 32, 48), slice(base, 16, 32));
        DriftFinding f = compare(base, body);
        assertThat(f.literalBytes()).isZero();
        assertThat(f.matchedBlocks()).isEqualTo(4);
        assertThat(f.movedBlocks()).as("block 32..48 stayed in place").isEqualTo(3);
        assertThat(f.missingFraction()).isZero();
    }

    @Test
    void a_one_byte_change_costs_one_block() {
        byte[] base = text(160, 6);
        byte[] body = base.clone();
        body[100] = (byte) (body[100] == 'x' ? 'y' : 'x');
        DriftFinding f = compare(base, body);
        assertThat(f.changedRanges()).singleElement().satisfies(r -> assertThat(r).containsExactly(96, 112));
        assertThat(f.literalBytes()).isEqualTo(16);
        assertThat(f.changedFraction()).isEqualTo(0.1);
        assertThat(f.missingFraction()).isEqualTo(0.1);
        assertThat(f.exceeds(0.5)).isFalse();
    }

    @Test
    void a_blanked_page_is_a_complete_change() {
        byte[] base = text(160, 7);
        DriftFinding f = compare(base, new byte[0]);
        assertThat(f.changedFraction()).isEqualTo(1.0);
        assertThat(f.missingFraction()).isEqualTo(1.0);
        assertThat(f.exceeds(0.5)).isTrue();
    }

    @Test
    void two_empty_bodies_are_equal() {
        DriftFinding f = compare(new byte[0], new byte[0]);
        assertThat(f.changedFraction()).isZero();
        assertThat(f.missingFraction()).isZero();
        assertThat(f.baselineBlocks()).isZero();
    }

    @Test
    void content_on_an_empty_baseline_is_all_literal() {
        DriftFinding f = compare(new byte[0], utf8("hello"));
        assertThat(f.changedFraction()).isEqualTo(1.0);
        assertThat(f.delta()).isEqualTo("hello");
    }

    @Test
    void a_body_shorter_than_one_block_matches_itself_as_the_short_tail() {
        byte[] base = utf8("tiny page");
        DriftFinding same = compare(base, utf8("tiny page"));
        assertThat(same.literalBytes()).isZero();
        assertThat(same.matchedBlocks()).isEqualTo(1);
        DriftFinding other = compare(base, utf8("tiny pagE"));
        assertThat(other.changedFraction()).isEqualTo(1.0);
        assertThat(other.delta()).isEqualTo("tiny pagE");
    }

    @Test
    void the_short_last_block_is_found_after_an_insertion_before_it() {
        byte[] base = text(40, 8); // blocks 0..16, 16..32 and a short tail 32..40
        byte[] body = concat(slice(base, 0, 32), utf8("++"), slice(base, 32, 40));
        DriftFinding f = compare(base, body);
        assertThat(f.changedRanges()).singleElement().satisfies(r -> assertThat(r).containsExactly(32, 34));
        assertThat(f.matchedBlocks()).isEqualTo(3);
    }

    @Test
    void a_defaced_page_exceeds_the_limit() {
        byte[] base = text(1600, 9);
        byte[] body = utf8("<h1>hacked by nobody</h1>".repeat(20));
        DriftFinding f = compare(base, body);
        assertThat(f.changedFraction()).isEqualTo(1.0);
        assertThat(f.exceeds(0.5)).isTrue();
    }

    @Test
    void the_delta_is_bounded_by_max_delta_bytes() {
        byte[] base = text(160, 10);
        byte[] body = text(500, 11);
        DriftFinding f = DriftDetector.compare(BlockSignatures.of(base, BLOCK), body, 32);
        assertThat(f.literalBytes()).isEqualTo(500);
        assertThat(f.delta()).hasSize(32);
        assertThat(f.toReport().delta()).isEqualTo(f.delta());
    }

    @Test
    void repeated_blocks_in_the_baseline_are_each_matched_once() {
        byte[] block = text(16, 12);
        byte[] base = concat(block, block, text(16, 13));
        DriftFinding f = compare(base, concat(block, block, slice(base, 32, 48)));
        assertThat(f.matchedBlocks()).isEqualTo(3);
        assertThat(f.missingFraction()).isZero();
    }

    @Test
    void the_rolling_checksum_equals_the_checksum_computed_from_scratch() {
        byte[] data = text(300, 14);
        RollingChecksum rc = new RollingChecksum();
        rc.reset(data, 0, 64);
        for (int i = 0; i + 64 < data.length; i++) {
            rc.roll(data[i], data[i + 64]);
            assertThat(rc.value()).isEqualTo(RollingChecksum.of(data, i + 1, 64));
        }
    }

    @Test
    void stored_signatures_find_the_same_changes_as_the_originals() {
        byte[] baseline = text(1_000, 7); // 62 full blocks and a short tail
        byte[] body = concat(slice(baseline, 0, 300), utf8("DEFACED"), slice(baseline, 340, 1_000));
        BlockSignatures original = BlockSignatures.of(baseline, BLOCK);
        BlockSignatures stored = BlockSignatures.decode(BLOCK, baseline.length, original.encode());
        DriftFinding a = DriftDetector.compare(original, body, 64);
        DriftFinding b = DriftDetector.compare(stored, body, 64);
        assertThat(b.summary()).isEqualTo(a.summary());
        assertThat(b.toReport()).usingRecursiveComparison().isEqualTo(a.toReport());
        assertThat(b.literalBytes()).isPositive();
        assertThat(DriftDetector.compare(stored, baseline, 64).literalBytes()).isZero();
        assertThat(BlockSignatures.decode(BLOCK, 0, BlockSignatures.of(new byte[0], BLOCK).encode()).blockCount()).isZero();
    }

    @Test
    void stored_signatures_of_the_wrong_size_are_refused() {
        byte[] enc = BlockSignatures.of(text(100, 1), BLOCK).encode();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockSignatures.decode(BLOCK, 200, enc))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
