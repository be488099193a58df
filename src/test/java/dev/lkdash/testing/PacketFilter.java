package dev.lkdash.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine's packet filter (iptables, else nftables), for making a real connection half-open:
 * every packet to a local port is dropped, so its socket neither receives nor acknowledges
 * anything, as when a peer vanished without a word. Needs root (CAP_NET_ADMIN); {@code .ci/run}
 * installs iptables.
 */
public final class PacketFilter implements AutoCloseable {

    private static final String NFT_TABLE = "lkdash_test";

    private final List<List<String>> undo;

    private PacketFilter(List<List<String>> undo) {
        this.undo = undo;
    }

    /** Why packets cannot be dropped here, or empty when they can. */
    public static Optional<String> unavailable() {
        if (iptables() != null) {
            return run(List.of(iptables(), "-w", "-L", "INPUT", "-n")) == 0 ? Optional.empty()
                    : Optional.of("iptables is installed but may not change the filter here (needs root with CAP_NET_ADMIN)");
        }
        if (nft() != null) {
            return run(List.of(nft(), "list", "tables")) == 0 ? Optional.empty()
                    : Optional.of("nft is installed but may not change the filter here (needs root with CAP_NET_ADMIN)");
        }
        return Optional.of("neither iptables nor nft is installed (.ci/run installs iptables)");
    }

    /** Drops every TCP packet arriving for {@code port} until closed. */
    public static PacketFilter dropTo(int port) {
        String iptables = iptables();
        if (iptables != null) {
            List<String> rule = List.of("INPUT", "-p", "tcp", "--dport", Integer.toString(port), "-j", "DROP");
            require(join(List.of(iptables, "-w", "-I"), rule));
            return new PacketFilter(List.of(join(List.of(iptables, "-w", "-D"), rule)));
        }
        String nft = nft();
        require(List.of(nft, "add", "table", "inet", NFT_TABLE));
        require(List.of(nft, "add", "chain", "inet", NFT_TABLE, "input",
                "{ type filter hook input priority -10 ; policy accept ; }"));
        require(List.of(nft, "add", "rule", "inet", NFT_TABLE, "input", "tcp", "dport", Integer.toString(port), "drop"));
        return new PacketFilter(List.of(List.of(nft, "delete", "table", "inet", NFT_TABLE)));
    }

    @Override
    public void close() {
        undo.forEach(PacketFilter::require);
    }

    private static String iptables() {
        return executable("iptables");
    }

    private static String nft() {
        return executable("nft");
    }

    private static String executable(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static List<String> join(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    private static void require(List<String> command) {
        if (run(command) != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0) {
                System.err.println(String.join(" ", command) + ": " + output.strip());
            }
            return process.exitValue();
        } catch (IOException failed) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
