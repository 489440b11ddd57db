package dev.llmgateway.undertow.internal.upstream;

import java.nio.ByteBuffer;
import org.xnio.StreamConnection;

/**
 * An upstream connection that answered {@code 101 Switching Protocols}, taken out of its call: it is no longer
 * HTTP and belongs to whoever took it.
 *
 * @param connection the socket (plain or TLS), reads and writes suspended
 * @param early bytes of the new protocol that arrived right behind the 101 head, to be relayed first; or null
 */
public record SwitchedConnection(StreamConnection connection, ByteBuffer early) {}
