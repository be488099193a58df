package dev.lkdash.stream.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Linux's table of TCP connections ({@code /proc/net/tcp}, {@code /proc/net/tcp6}), read for the
 * connections that have data out which the peer has not acknowledged through at least one
 * retransmission timeout: the {@code retrnsmt} column counts the timeouts since the last
 * acknowledgement of new data (it goes back to 0 with the next one), {@code tx_queue} the bytes
 * sent or queued and not acknowledged.
 *
 * <p>A connection is named by {@link #connection}: the peer's address and port and the local port,
 * as the kernel sees the socket (an IPv4 peer of a dual-stack socket is listed in {@code tcp6} as
 * {@code ::ffff:a.b.c.d} and named as IPv4).
 */
final class TcpTable {

    static final List<Path> LINUX = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** What a socket's address looks like (IPv4, or IPv6 with its colons); anything else is never looked up. */
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
    private static final String V4_MAPPED_PREFIX = "00000000000000000000FFFF";
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** One connection's retransmission state. */
    record Unacknowledged(int retransmits, long queuedBytes) {
    }

    private TcpTable() {
    }

    /**
     * The name of a connection in the table, or null when the peer's address is not an address
     * literal.
     */
    static String connection(String remoteAddress, int remotePort, int localPort) {
        if (remoteAddress == null) {
            return null;
        }
        int scope = remoteAddress.indexOf('%');
        String literal = (scope < 0 ? remoteAddress : remoteAddress.substring(0, scope)).strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (!ADDRESS_LITERAL.matcher(literal).matches()) {
            return null;
        }
        try {
            // a literal: parsed, never resolved; an IPv4-mapped IPv6 address comes back as IPv4
            byte[] address = InetAddress.getByName(literal).getAddress();
            return name(HexFormat.of().withUpperCase().formatHex(address), remotePort, localPort);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    /**
     * The connections of the given tables (missing ones are skipped) with at least one
     * retransmission timeout since the peer last acknowledged new data, by {@link #connection name}.
     */
    static Map<String, Unacknowledged> retransmitting(List<Path> tables) throws IOException {
        Map<String, Unacknowledged> found = new HashMap<>();
        for (Path table : tables) {
            if (!Files.exists(table)) {
                continue;
            }
            try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    parse(line, found);
                }
            }
        }
        return found;
    }

    /**
     * Adds a line of the table when its connection is retransmitting. Columns: {@code sl},
     * {@code local_address}, {@code rem_address}, {@code st}, {@code tx_queue:rx_queue},
     * {@code tr:tm->when}, {@code retrnsmt}, … (the header line and anything unexpected are skipped).
     */
    static void parse(String line, Map<String, Unacknowledged> found) {
        String[] columns = firstColumns(line, 7);
        if (columns == null || !columns[0].endsWith(":")) {
            return;
        }
        try {
            int retransmits = Integer.parseUnsignedInt(columns[6], 16);
            if (retransmits == 0) {
                return; // most lines: nothing else of them is looked at
            }
            int localColon = columns[1].indexOf(':');
            int remoteColon = columns[2].indexOf(':');
            int queueColon = columns[4].indexOf(':');
            if (localColon < 0 || remoteColon < 0 || queueColon < 0) {
                return;
            }
            int localPort = Integer.parseInt(columns[1].substring(localColon + 1), 16);
            int remotePort = Integer.parseInt(columns[2].substring(remoteColon + 1), 16);
            long queued = Long.parseUnsignedLong(columns[4].substring(0, queueColon), 16);
            String remote = networkOrder(columns[2].substring(0, remoteColon));
            if (remote == null) {
                return;
            }
            found.put(name(remote, remotePort, localPort), new Unacknowledged(retransmits, queued));
        } catch (NumberFormatException notALine) {
            // the header, or a format this reader does not know: nothing to find in it
        }
    }

    /** The first {@code count} columns separated by spaces, or null when the line has fewer. */
    private static String[] firstColumns(String line, int count) {
        String[] columns = new String[count];
        int at = 0;
        for (int column = 0; column < count; column++) {
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
            int start = at;
            while (at < line.length() && line.charAt(at) != ' ') {
                at++;
            }
            if (start == at) {
                return null;
            }
            columns[column] = line.substring(start, at);
        }
        return columns;
    }

    /**
     * The table prints an address as 32-bit words, each in the machine's byte order: the address
     * in network order as hex, an IPv4-mapped IPv6 address as its IPv4 part, or null.
     */
    private static String networkOrder(String words) {
        if (words.length() != 8 && words.length() != 32) {
            return null;
        }
        String address = words.toUpperCase(Locale.ROOT);
        if (LITTLE_ENDIAN) {
            StringBuilder swapped = new StringBuilder(address.length());
            for (int word = 0; word < address.length(); word += 8) {
                for (int at = word + 6; at >= word; at -= 2) {
                    swapped.append(address, at, at + 2);
                }
            }
            address = swapped.toString();
        }
        return address.length() == 32 && address.startsWith(V4_MAPPED_PREFIX) ? address.substring(24) : address;
    }

    private static String name(String remoteHex, int remotePort, int localPort) {
        return remoteHex + ":" + remotePort + ">" + localPort;
    }
}
