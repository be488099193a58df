package dev.lkdash.guard.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which address a request comes from. By default the socket's peer: anything a client
 * writes in a header is its own word. Behind proxies listed in {@code dashboard.http.trusted-proxies}
 * (addresses or CIDR ranges), a request whose peer is one of them is taken to come from the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy: entries further
 * left were written by the client and could be anything.
 */
public final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Range> trusted;

    private ClientAddresses(List<Range> trusted) {
        this.trusted = trusted;
    }

    /**
     * @param trustedProxies addresses ({@code 10.0.0.5}, {@code ::1}) or ranges ({@code 10.0.0.0/8})
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static ClientAddresses trusting(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
            }
        }
        return new ClientAddresses(List.copyOf(ranges));
    }

    /** Whether an entry of {@code dashboard.http.trusted-proxies} is an address or a CIDR range. */
    public static boolean isAddressOrRange(String entry) {
        try {
            Range.parse(entry.strip());
            return true;
        } catch (IllegalArgumentException not) {
            return false;
        }
    }

    public boolean trustsProxies() {
        return !trusted.isEmpty();
    }

    /**
     * @param peer          the socket's remote address
     * @param forwardedFor  every {@code X-Forwarded-For} header value in order (empty when none)
     */
    public String of(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = literal(hops.get(i));
            if (hop == null) {
                return peer; // the chain is garbled from here on: none of it can be relied on
            }
            if (!isTrusted(hop)) {
                return hops.get(i);
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && isTrusted(bytes);
    }

    private boolean isTrusted(byte[] address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal, or null; never a name lookup. */
    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (IPV4.matcher(candidate).matches()) {
            String[] parts = candidate.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (candidate.contains(":") && IPV6.matcher(candidate).matches()) {
            try {
                // a literal of only hex digits, colons and dots is parsed, never looked up
                return java.net.InetAddress.getByName(candidate).getAddress();
            } catch (java.net.UnknownHostException | SecurityException notLiteral) {
                return null;
            }
        }
        return null;
    }

    private record Range(byte[] base, int prefixBits) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] base = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (base == null) {
                throw new IllegalArgumentException("not an address or CIDR range: " + entry);
            }
            int bits = base.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException notNumber) {
                    throw new IllegalArgumentException("not a CIDR prefix length: " + entry);
                }
                if (bits < 0 || bits > base.length * 8) {
                    throw new IllegalArgumentException("CIDR prefix length out of range: " + entry);
                }
            }
            return new Range(base, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != base[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[full] & mask) == (base[full] & mask);
        }
    }
}
