package dev.llmgateway.undertow.internal.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for exact bytes: the handshake written by hand (with anything after it in
 * the same write), the response head read as text, frames built and parsed here (client frames masked, as RFC 6455
 * requires). Reads time out after 10 s.
 */
final class RawWebSocket implements AutoCloseable {
  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawWebSocket open(int port) throws IOException {
    return open(port, 0);
  }

  /** Opens a connection; a positive {@code receiveBuffer} fixes SO_RCVBUF (no autotuning: a slow reader). */
  static RawWebSocket open(int port, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.setSoTimeout(10_000);
    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return new RawWebSocket(s);
  }

  /** A handshake for {@code path} with extra header lines (each ending in CRLF). */
  static String handshake(String path, String extraHeaders) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
  }

  void write(byte[]... parts) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.write(p);
    }
    out.write(all.toByteArray()); // one write: what follows the head travels with it
    out.flush();
  }

  void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The response head up to its blank line, as text (status line first). */
  String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed inside the head: " + head);
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
          : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads exactly {@code n} bytes. */
  byte[] readBytes(int n) throws IOException {
    return in.readNBytes(n);
  }

  /** A masked client frame with FIN set. */
  static byte[] clientFrame(int opcode, byte[] payload) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x80 | opcode);
    int n = payload.length;
    if (n < 126) {
      f.write(0x80 | n);
    } else if (n < 65536) {
      f.write(0x80 | 126);
      f.write(n >>> 8);
      f.write(n & 0xff);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) n >>> (8 * i)) & 0xff);
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    f.write(mask, 0, 4);
    for (int i = 0; i < n; i++) {
      f.write(payload[i] ^ mask[i & 3]);
    }
    return f.toByteArray();
  }

  static byte[] text(String s) {
    return clientFrame(0x1, s.getBytes(StandardCharsets.UTF_8));
  }

  /** One server frame (unmasked): opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  Frame readFrame() throws IOException {
    int b0 = in.read();
    int b1 = in.read();
    if (b0 < 0 || b1 < 0) {
      throw new IOException("closed before a frame");
    }
    long n = b1 & 0x7f;
    if (n == 126) {
      n = (in.read() << 8) | in.read();
    } else if (n == 127) {
      n = 0;
      for (int i = 0; i < 8; i++) {
        n = (n << 8) | in.read();
      }
    }
    return new Frame(b0 & 0x0f, in.readNBytes((int) n));
  }

  /** Ends the client's stream (a TCP half-close). */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Waits for the server to close: true on end of stream (or reset) within the socket timeout. */
  boolean awaitClosed(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // a reset is a close too
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
