package dev.lkdash.stream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the kernel's TCP table as Linux prints it, and which streams are found half-open: only
 * a watched connection that kept retransmitting at every check for the configured time.
 */
class HalfOpenStreamsTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    private final HalfOpenStreams halfOpen = new HalfOpenStreams();
    private final List<String> ended = new ArrayList<>();

    @Test
    void findsRetransmittingConnectionsByThePeerAndLocalPortAStreamKnows() throws Exception {
        Path tcp = table("tcp",
                line(0, "127.0.0.1", 8080, "0.0.0.0", 0, "0A", 0, 0),
                line(1, "10.1.2.3", 8080, "10.9.8.7", 51000, "01", 0x24, 3),
                line(2, "10.1.2.3", 8080, "10.9.8.6", 51001, "01", 0x24, 0));
        Path tcp6 = table("tcp6",
                line(0, "::ffff:127.0.0.1", 8181, "::ffff:192.168.0.5", 40000, "01", 10, 1),
                line(1, "2001:db8::1", 8080, "2001:db8::2:3", 443, "01", 7, 0x1f),
                "garbage that is no line of the table");
        Map<String, TcpTable.Unacknowledged> found = TcpTable.retransmitting(List.of(tcp, tcp6, dir.resolve("absent")));

        assertEquals(3, found.size(), "only those with a retransmission timeout: " + found);
        assertEquals(new TcpTable.Unacknowledged(3, 0x24), found.get(TcpTable.connection("10.9.8.7", 51000, 8080)));
        assertEquals(new TcpTable.Unacknowledged(1, 10), found.get(TcpTable.connection("192.168.0.5", 40000, 8181)),
                "an IPv4 peer of a dual-stack socket, listed as IPv4-mapped");
        assertEquals(new TcpTable.Unacknowledged(1, 10), found.get(TcpTable.connection("::ffff:192.168.0.5", 40000, 8181)));
        assertEquals(new TcpTable.Unacknowledged(0x1f, 7), found.get(TcpTable.connection("2001:db8:0:0:0:0:2:3", 443, 8080)));
        assertNull(found.get(TcpTable.connection("10.9.8.7", 51000, 8081)), "another local port is another connection");
        assertNull(TcpTable.connection("client.example.com", 1, 2), "names are never looked up");
    }

    @Test
    void aWatchedConnectionRetransmittingForTheConfiguredTimeIsEndedOthersAreNot() throws Exception {
        halfOpen.halfOpenSeconds = 8; // checked every second
        watch("vanished", "10.9.8.7", 51000);
        watch("alive", "10.9.8.6", 51001);
        watch("unwatched-elsewhere", "10.9.8.5", 51002);
        halfOpen.forget("unwatched-elsewhere");

        tick(0, retransmitting("10.9.8.7", 51000, 1, 100), retransmitting("10.9.8.5", 51002, 1, 100));
        tick(4, retransmitting("10.9.8.7", 51000, 4, 200), retransmitting("10.9.8.5", 51002, 4, 200));
        tick(7, retransmitting("10.9.8.7", 51000, 5, 200), retransmitting("10.9.8.5", 51002, 5, 200));
        assertTrue(ended.isEmpty(), "not before the configured time: " + ended);
        tick(8, retransmitting("10.9.8.7", 51000, 6, 300), retransmitting("10.9.8.5", 51002, 6, 300));
        assertEquals(List.of("vanished"), ended, "the forgotten stream is not ended, the one not retransmitting neither");
    }

    @Test
    void aStallStartsAgainWhenThePeerAcknowledgedSomethingBetweenChecks() throws Exception {
        halfOpen.halfOpenSeconds = 8;
        watch("lossy", "10.9.8.7", 51000);
        watch("interrupted", "10.9.8.6", 51001);
        tick(0, retransmitting("10.9.8.7", 51000, 3, 500), retransmitting("10.9.8.6", 51001, 1, 100));
        // lossy: fewer timeouts than before, so acknowledged meanwhile; interrupted: still stalled
        tick(5, retransmitting("10.9.8.7", 51000, 1, 600), retransmitting("10.9.8.6", 51001, 2, 100));
        // interrupted: not retransmitting at this check
        tick(6, retransmitting("10.9.8.7", 51000, 2, 600));
        // lossy: fewer bytes out than before, so acknowledged meanwhile; interrupted: stalled again
        tick(9, retransmitting("10.9.8.7", 51000, 3, 400), retransmitting("10.9.8.6", 51001, 1, 100));
        tick(16, retransmitting("10.9.8.7", 51000, 5, 500), retransmitting("10.9.8.6", 51001, 3, 100));
        assertTrue(ended.isEmpty(), "each was acknowledged within the last 8 s: " + ended);
        tick(17, retransmitting("10.9.8.7", 51000, 6, 500), retransmitting("10.9.8.6", 51001, 4, 100));
        assertEquals(List.of("lossy", "interrupted"), ended.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void theTableIsReadOncePerCheckInterval() throws Exception {
        halfOpen.halfOpenSeconds = 40; // checked every 5 s
        watch("vanished", "10.9.8.7", 51000);
        for (int second = 0; second < 40; second++) {
            if (second % 5 == 0) {
                tick(second, retransmitting("10.9.8.7", 51000, 1 + second, 100));
            } else {
                tick(second); // acknowledged, were it read now: the stall would start again
            }
        }
        assertTrue(ended.isEmpty(), "not before 40 s: " + ended);
        tick(40, retransmitting("10.9.8.7", 51000, 50, 100));
        assertEquals(List.of("vanished"), ended, "seen stalled at the checks of 0, 5, ... 40 s, and only those were read");
    }

    private void watch(String id, String peer, int peerPort) {
        halfOpen.watch(id, TcpTable.connection(peer, peerPort, 8080), peer + " port " + peerPort, () -> {
            ended.add(id);
            halfOpen.forget(id);
        });
    }

    private void tick(int second, String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(lines));
        all.add(line(99, "10.1.2.3", 8080, "10.9.9.9", 50999, "01", 0, 0));
        halfOpen.check(List.of(table("tcp", all.toArray(String[]::new))), second * SECOND);
    }

    private static String retransmitting(String peer, int peerPort, int retransmits, int queued) {
        return line(1, "10.1.2.3", 8080, peer, peerPort, "01", queued, retransmits);
    }

    private Path table(String name, String... lines) throws IOException {
        Path table = dir.resolve(name);
        List<String> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(List.of(lines));
        Files.write(table, all);
        return table;
    }

    /** A line as Linux prints it: addresses as 32-bit words in the machine's byte order. */
    private static String line(int slot, String local, int localPort, String remote, int remotePort, String state,
                               int queued, int retransmits) {
        return String.format("%4d: %s:%04X %s:%04X %s %08X:%08X %02X:%08X %08X     0        0 12345 1 0000000000000000 20 4 30 10 -1",
                slot, kernelHex(local), localPort, kernelHex(remote), remotePort, state, queued, 0,
                retransmits > 0 ? 1 : 0, 0, retransmits);
    }

    private static String kernelHex(String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (address.contains(":") && bytes.length == 4) { // ::ffff:a.b.c.d, as a dual-stack socket lists it
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                for (int word = 0; word < bytes.length; word += 4) {
                    for (int i = 0; i < 2; i++) {
                        byte swap = bytes[word + i];
                        bytes[word + i] = bytes[word + 3 - i];
                        bytes[word + 3 - i] = swap;
                    }
                }
            }
            return HexFormat.of().withUpperCase().formatHex(bytes);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }
}
