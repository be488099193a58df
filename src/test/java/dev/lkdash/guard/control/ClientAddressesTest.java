package dev.lkdash.guard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClientWhateverTheHeaderSays() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of());
        assertEquals("203.0.113.7", addresses.of("203.0.113.7", List.of("1.2.3.4")));
        assertFalse(addresses.trustsProxies());
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of("10.0.0.0/8", "::1"));
        assertEquals("198.51.100.9", addresses.of("10.1.2.3", List.of("6.6.6.6, 198.51.100.9")),
                "what the client wrote on the left is not believed");
        assertEquals("198.51.100.9", addresses.of("10.1.2.3", List.of("198.51.100.9, 10.9.9.9")), "proxies in the chain are skipped");
        assertEquals("198.51.100.9", addresses.of("::1", List.of("198.51.100.9")));
        assertEquals("198.51.100.9", addresses.of("10.1.2.3", List.of("5.5.5.5", "198.51.100.9")), "several headers in order");
        assertEquals("10.1.2.3", addresses.of("10.1.2.3", List.of()), "no header: the proxy itself");
        assertEquals("10.1.2.3", addresses.of("10.1.2.3", List.of("not-an-address")), "garbage: the proxy itself");
        assertEquals("10.1.2.3", addresses.of("10.1.2.3", List.of("evil.example, 198.51.100.9".substring(0, 12))));
        assertEquals("192.0.2.1", addresses.of("192.0.2.1", List.of("198.51.100.9")), "an untrusted peer's header is ignored");
    }

    @Test
    void entriesAreAddressesOrRangesAndNeverLookedUp() {
        assertTrue(ClientAddresses.isAddressOrRange("10.0.0.0/8"));
        assertTrue(ClientAddresses.isAddressOrRange("2001:db8::/32"));
        assertTrue(ClientAddresses.isAddressOrRange("127.0.0.1"));
        assertFalse(ClientAddresses.isAddressOrRange("localhost"));
        assertFalse(ClientAddresses.isAddressOrRange("10.0.0.0/33"));
        assertFalse(ClientAddresses.isAddressOrRange("300.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting(List.of("proxy.internal")));
    }
}
