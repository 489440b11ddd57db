package dev.llmgateway.undertow.internal.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A bare HTTP/2-over-TLS client for what the JDK client cannot do: drop the whole connection (no RST_STREAM, no
 * GOAWAY) in the middle of a stream. Speaks just enough HTTP/2: preface, SETTINGS, one HEADERS frame with literal
 * HPACK fields, and frame reading.
 */
public final class Http2Socket implements AutoCloseable {
  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private Http2Socket(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects with ALPN {@code h2} and sends the connection preface and an empty SETTINGS frame. */
  public static Http2Socket connect(SSLContext context, String host, int port) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(host, port);
    SSLParameters params = s.getSSLParameters();
    params.setApplicationProtocols(new String[] {"h2"});
    s.setSSLParameters(params);
    s.setSoTimeout(10_000);
    s.startHandshake();
    if (!"h2".equals(s.getApplicationProtocol())) {
      throw new IOException("the server did not choose h2");
    }
    Http2Socket h2 = new Http2Socket(s);
    h2.out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    h2.frame(4, 0, 0, new byte[0]);
    return h2;
  }

  /** Opens stream {@code streamId} with a GET (END_STREAM set) and these pseudo and regular headers. */
  public void get(int streamId, Map<String, String> headers) throws IOException {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      block.write(0); // literal header field without indexing, new name
      literal(block, h.getKey());
      literal(block, h.getValue());
    }
    frame(1, 0x4 | 0x1, streamId, block.toByteArray());
  }

  /** Reads frames (acknowledging SETTINGS) until a DATA frame of {@code streamId}; its payload. */
  public byte[] readData(int streamId) throws IOException {
    while (true) {
      int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int stream = in.readInt() & 0x7fffffff;
      byte[] payload = new byte[length];
      in.readFully(payload);
      if (type == 4 && (flags & 0x1) == 0) {
        frame(4, 0x1, 0, new byte[0]);
      } else if (type == 0 && stream == streamId) {
        return payload;
      }
    }
  }

  private static void literal(ByteArrayOutputStream block, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length >= 127) {
      throw new IllegalArgumentException("header too long for this client");
    }
    block.write(bytes.length);
    block.write(bytes, 0, bytes.length);
  }

  private void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
    byte[] header = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
        (byte) type, (byte) flags, (byte) (streamId >>> 24), (byte) (streamId >>> 16), (byte) (streamId >>> 8),
        (byte) streamId};
    out.write(header);
    out.write(payload);
    out.flush();
  }

  /** Drops the TCP connection without any HTTP/2 goodbye. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
