package dev.revive.prober.hostagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.HostMetrics;

class ProcNetTcpTest {

    /** Real lines (a web server on 80/443 and a client socket), header included. */
    static final List<String> TCP = List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21455 1 0000000000000000 100 0 0 10 0",
            "   1: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21456 1 0000000000000000 100 0 0 10 0",
            "   2: 0A00020F:0050 0A000201:C350 01 00000000:00000000 02:000AFE7C 00000000    33        0 31337 2 0000000000000000 20 4 30 10 -1",
            "   3: 0A00020F:0050 0A000201:C351 01 00000000:00000000 02:000AFE7C 00000000    33        0 31338 2 0000000000000000 20 4 30 10 -1",
            "   4: 0A00020F:01BB 0A000201:C352 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000",
            "   5: 0A00020F:01BB 0A000201:C353 08 00000000:00000000 00:00000000 00000000    33        0 31340 1 0000000000000000 20 4 1 10 -1",
            "   6: 0100007F:B6AB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 116684 1 00000000cf6f3109 100 0 0 10 0",
            "   7: 0A00020F:C350 5DB8D822:0050 01 00000000:00000000 02:000AFE7C 00000000  1000        0 31341 2 0000000000000000 20 4 30 10 -1");

    /** Real tcp6 lines: an IPv4-mapped listener and a native IPv6 connection on 443. */
    static final List<String> TCP6 = List.of(
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21460 1 0000000000000000 100 0 0 10 0",
            "   1: 0000000000000000FFFF00000100007F:B147 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 114294 1 0000000010d116e9 100 0 0 10 0",
            "   2: B80D01200000000000000000010000000:01BB B80D012000000000000000000200000:D431 01 00000000:00000000 00:00000000 00000000    33        0 41000 1 0000000000000000 20 4 30 10 -1",
            "   3: B80D0120000000000000000001000000:01BB B80D0120000000000000000002000000:D431 04 00000000:00000000 01:00000014 00000000    33        0 0 1 0000000000000000 20 4 30 10 -1");

    @Test
    void counts_states_per_configured_local_port_and_ignores_other_ports() {
        var c = ProcNetTcp.count(TCP, Set.of(80, 443));
        assertThat(c.byPort().get(80)).containsEntry("LISTEN", 1).containsEntry("ESTABLISHED", 2).hasSize(2);
        assertThat(c.byPort().get(443)).containsEntry("LISTEN", 1).containsEntry("TIME_WAIT", 1).containsEntry("CLOSE_WAIT", 1);
        assertThat(c.malformed()).isZero();
    }

    @Test
    void reads_ipv6_lines_and_counts_a_malformed_address_as_malformed() {
        var c = ProcNetTcp.count(TCP6, Set.of(80, 443));
        assertThat(c.byPort().get(80)).containsEntry("LISTEN", 1);
        // Line 2 has a 33-character address (corrupted on purpose): skipped, not misread.
        assertThat(c.byPort().get(443)).containsEntry("FIN_WAIT1", 1).doesNotContainKey("ESTABLISHED");
        assertThat(c.malformed()).isEqualTo(1);
    }

    @Test
    void skips_malformed_lines_without_failing() {
        var c = ProcNetTcp.count(List.of("garbage", "   9: 00000000:ZZZZ 00000000:0000 0A", "  10: 00000000:0050 00000000:0000 FF",
                "  11: 00000000:0050", "", "  12: 00000000:0050 00000000:0000 06 00000000:00000000"), Set.of(80));
        assertThat(c.malformed()).isEqualTo(4);
        assertThat(c.byPort().get(80)).containsExactlyEntriesOf(java.util.Map.of("TIME_WAIT", 1));
    }

    @Test
    void state_codes_map_to_kernel_names() {
        assertThat(ProcNetTcp.stateName("01")).isEqualTo("ESTABLISHED");
        assertThat(ProcNetTcp.stateName("03")).isEqualTo("SYN_RECV");
        assertThat(ProcNetTcp.stateName("05")).isEqualTo("FIN_WAIT2");
        assertThat(ProcNetTcp.stateName("0A")).isEqualTo("LISTEN");
        assertThat(ProcNetTcp.stateName("00")).isNull();
    }

    @Test
    void a_sample_reads_both_files_and_tolerates_a_missing_one() throws Exception {
        Path dir = Files.createTempDirectory("proc-");
        Path tcp = Files.write(dir.resolve("tcp"), TCP);
        Path tcp6 = Files.write(dir.resolve("tcp6"), TCP6);
        HostMetrics m = HostAgent.read("web-1", "host", "i-0123456789abcdef0", Set.of(80, 443),
                List.of(tcp.toString(), tcp6.toString(), dir.resolve("missing").toString()));
        assertThat(m.targetId()).isEqualTo("web-1");
        assertThat(m.ports()).extracting(HostMetrics.PortStates::port).containsExactly(80, 443);
        assertThat(m.ports().get(0).count("LISTEN")).isEqualTo(2);
        assertThat(m.ports().get(1).count("FIN_WAIT1")).isEqualTo(1);
    }
}
