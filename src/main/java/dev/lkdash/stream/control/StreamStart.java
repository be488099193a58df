package dev.lkdash.stream.control;

/**
 * What a new stream begins with, whatever the transport.
 *
 * @param connectionId the id in its {@code connected} message
 * @param cursor       the sequence after which it gets the journal's messages
 * @param connected    the {@code connected} message (JSON), sent first, with {@code retry:}
 * @param resync       the {@code resync} message (JSON) that follows it when the client's last
 *                     id could not be resumed after, or null
 * @param client       the id the client gave itself ({@code client}), or null
 * @param connection   its connection's name in the kernel's TCP table ({@link TcpTable#connection}), or null
 * @param peer         the connection's peer address and port, for the log
 */
record StreamStart(String connectionId, long cursor, String connected, String resync, String client,
                   String connection, String peer) {
}
