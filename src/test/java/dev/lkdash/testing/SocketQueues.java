package dev.lkdash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many bytes of one TCP connection on this machine the kernel holds, from Linux's socket
 * tables: what the sending side has not had acknowledged plus what the receiving side has not read.
 * For a test that needs to know when a server's writes stop fitting into the kernel.
 */
public final class SocketQueues {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private SocketQueues() {
    }

    /** Whether this machine has the tables (Linux). */
    public static boolean readable() {
        return Files.isReadable(TABLES.get(0));
    }

    /**
     * The bytes in the kernel on their way from the server's port to the client's: the server
     * socket's send queue plus the client socket's receive queue.
     */
    public static long inFlight(int serverPort, int clientPort) {
        long bytes = 0;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length < 5 || !fields[1].contains(":")) {
                        continue; // the heading
                    }
                    int local = port(fields[1]);
                    int remote = port(fields[2]);
                    String[] queues = fields[4].split(":");
                    if (local == serverPort && remote == clientPort) {
                        bytes += Long.parseLong(queues[0], 16);
                    } else if (local == clientPort && remote == serverPort) {
                        bytes += Long.parseLong(queues[1], 16);
                    }
                }
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return bytes;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }
}
