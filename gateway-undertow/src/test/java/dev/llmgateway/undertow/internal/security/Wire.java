package dev.llmgateway.undertow.internal.security;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exact bytes written to a listener on one connection, and every response read back in order, parsed as a client
 * would frame them, until the server closes the connection or stays silent for {@code quiet} milliseconds. What
 * cannot be parsed as a response is kept as {@code trailing}, so a test sees garbage instead of missing it.
 */
record Wire(List<Response> responses, boolean closed, String trailing) {
  /** One response: status, headers (lower-case names, last value wins) and body. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static Wire send(int port, String bytes) throws IOException {
    return send(port, bytes, 400);
  }

  static Wire send(int port, String bytes, int quiet) throws IOException {
    return send(port, bytes, quiet, 0);
  }

  /** @param headResponses how many responses, from the first, answer HEAD requests (so carry no body) */
  static Wire send(int port, String bytes, int quiet, int headResponses) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      s.setSoTimeout(quiet);
      InputStream in = new BufferedInputStream(s.getInputStream());
      List<Response> responses = new ArrayList<>();
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      boolean closed;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (true) {
        try {
          Response r = read(in, rest, responses.size() < headResponses);
          if (r == null) {
            closed = true;
            break;
          }
          if (r.status() >= 200 || r.status() == 101) {
            responses.add(r);
          }
        } catch (SocketTimeoutException e) {
          closed = false;
          break;
        } catch (SocketException e) {
          closed = true; // reset
          break;
        } catch (EOFException e) {
          closed = true;
          break;
        }
        if (System.nanoTime() > deadline) {
          closed = false;
          break;
        }
      }
      return new Wire(responses, closed, rest.toString(StandardCharsets.ISO_8859_1));
    }
  }

  /** The statuses in order. */
  List<Integer> statuses() {
    return responses.stream().map(Response::status).toList();
  }

  private static Response read(InputStream in, ByteArrayOutputStream raw, boolean head) throws IOException {
    String status = line(in, raw);
    if (status == null) {
      return null;
    }
    if (!status.startsWith("HTTP/1.")) {
      raw.write((status + "\n").getBytes(StandardCharsets.ISO_8859_1));
      raw.write(in.readAllBytes());
      throw new EOFException("not a response: " + status);
    }
    raw.reset();
    int code = Integer.parseInt(status.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in, raw); l != null && !l.isEmpty(); l = line(in, raw)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    raw.reset();
    if (head || code < 200 || code == 204 || code == 304) {
      return new Response(code, headers, "");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String te = headers.get("transfer-encoding");
    String cl = headers.get("content-length");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      for (int size = Integer.parseInt(line(in, raw).split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line(in, raw).split(";")[0].trim(), 16)) {
        body.write(exactly(in, size));
        line(in, raw);
      }
      while (!line(in, raw).isEmpty()) {
        // trailers
      }
    } else if (cl != null) {
      body.write(exactly(in, Integer.parseInt(cl)));
    } else {
      body.write(in.readAllBytes());
    }
    raw.reset();
    return new Response(code, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("body cut short");
    }
    return b;
  }

  /** A CRLF-ended line without its CRLF; null at a clean end of stream. */
  private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (sb.length() == 0) {
          return null;
        }
        raw.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        throw new EOFException("line cut short");
      }
      if (b == '\n') {
        int end = sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r' ? sb.length() - 1 : sb.length();
        return sb.substring(0, end);
      }
      sb.append((char) b);
    }
  }
}
