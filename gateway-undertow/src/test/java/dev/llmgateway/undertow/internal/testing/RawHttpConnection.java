package dev.llmgateway.undertow.internal.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plain-socket HTTP/1.1 client for what ordinary clients hide: exact request bytes (hop-by-hop headers,
 * pipelining), one chunk at a time, whether a chunked body really ended, and when the server closed. Every read
 * times out after 10 s.
 */
public final class RawHttpConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
    this.out = socket.getOutputStream();
  }

  public static RawHttpConnection open(int port) throws IOException {
    return open(port, 0);
  }

  /** Opens a connection; a positive {@code receiveBuffer} fixes SO_RCVBUF (no autotuning: a slow reader). */
  public static RawHttpConnection open(int port, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.setSoTimeout(10_000);
    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return new RawHttpConnection(s);
  }

  public RawHttpConnection write(String text) throws IOException {
    return write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public RawHttpConnection write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** A response head: status and header lines in order. */
  public record Head(int status, List<Map.Entry<String, String>> headers) {
    public String header(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return null;
    }

    public boolean chunked() {
      String te = header("Transfer-Encoding");
      return te != null && te.toLowerCase().contains("chunked");
    }
  }

  /** Reads a response head, skipping any 1xx interim responses. */
  public Head readHead() throws IOException {
    while (true) {
      String status = readLine();
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      for (String line = readLine(); !line.isEmpty(); line = readLine()) {
        int colon = line.indexOf(':');
        headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
      }
      int code = Integer.parseInt(status.split(" ")[1]);
      if (code >= 200 || code == 101) {
        return new Head(code, headers);
      }
    }
  }

  /** The next chunk's bytes; null at the final (zero) chunk. Throws when the stream ends mid-body. */
  public byte[] readChunk() throws IOException {
    String sizeLine = readLine();
    int semicolon = sizeLine.indexOf(';');
    int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
    if (size == 0) {
      while (!readLine().isEmpty()) {
        // trailers
      }
      return null;
    }
    byte[] chunk = in.readNBytes(size);
    if (chunk.length < size) {
      throw new EOFException("connection closed inside a chunk");
    }
    readLine();
    return chunk;
  }

  /** The whole body of a response with this head (chunked or Content-Length). */
  public byte[] readBody(Head head) throws IOException {
    if (head.chunked()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (byte[] c = readChunk(); c != null; c = readChunk()) {
        body.write(c);
      }
      return body.toByteArray();
    }
    String length = head.header("Content-Length");
    return length == null ? in.readAllBytes() : readFixed(Long.parseLong(length));
  }

  /** Exactly {@code n} body bytes. */
  public byte[] readFixed(long n) throws IOException {
    byte[] bytes = in.readNBytes((int) n);
    if (bytes.length < n) {
      throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  /** The raw input, for tests that read large bodies incrementally. */
  public InputStream input() {
    return in;
  }

  /** True when the server closes the connection (EOF or reset) within {@code max}. */
  public boolean awaitClosed(Duration max) throws IOException {
    socket.setSoTimeout((int) max.toMillis());
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Closes abruptly (RST), as a client that gives up does. */
  public void abort() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
