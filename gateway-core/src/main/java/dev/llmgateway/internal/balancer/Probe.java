package dev.llmgateway.internal.balancer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One blocking request to a target, for health probes and metrics reads (never on an IO thread): a TCP connect,
 * or an HTTP/1.0 GET (so the answer is never chunked) whose status and body, bounded, are returned.
 */
final class Probe {
  static final int MAX_BODY = 4 << 20;

  /** The answer: its status and body. */
  record Answer(int status, String body) {}

  private Probe() {}

  /** Connects and closes; throws on failure ({@link java.net.SocketTimeoutException} for a timeout). */
  static void tcp(String host, int port, int timeoutMillis) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
    }
  }

  static Answer get(String host, int port, boolean tls, boolean verify, String sni, String path,
      Map<String, List<String>> headers, int timeoutMillis) throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      Socket s = tls ? tls(plain, host, port, verify, sni) : plain;
      StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.0\r\nHost: ")
          .append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host).append(':')
          .append(port).append("\r\nUser-Agent: llm-gateway-healthcheck\r\nConnection: close\r\n");
      headers.forEach((name, values) -> values.forEach(v -> req.append(name).append(": ").append(v).append("\r\n")));
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(new java.io.BufferedInputStream(s.getInputStream()));
    }
  }

  private static Socket tls(Socket plain, String host, int port, boolean verify, String sni) throws IOException {
    SSLSocketFactory factory;
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, verify ? null : new TrustManager[] {TRUST_ALL}, new SecureRandom());
      factory = ctx.getSocketFactory();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
    SSLSocket s = (SSLSocket) factory.createSocket(plain, sni != null ? sni : host, port, true);
    SSLParameters params = s.getSSLParameters();
    if (verify) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (sni != null) {
      params.setServerNames(List.of(new SNIHostName(sni)));
    }
    s.setSSLParameters(params);
    s.startHandshake();
    return s;
  }

  /**
   * Reads one response: the head, then a body framed by {@code Content-Length}, chunked, or by the close, so a
   * server that keeps the connection open anyway does not hold the probe until its timeout.
   */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      last4 = (last4 << 8) | b;
      if (head.size() > 64 * 1024) {
        throw new IOException("response head too large");
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String[] parts = lines[0].split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response");
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad status line");
    }
    long length = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim();
      String value = lines[i].substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException("bad Content-Length");
        }
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) {
        chunked = true;
      }
    }
    byte[] body = chunked ? chunked(in) : length >= 0 ? exactly(in, length) : toEnd(in);
    return new Answer(status, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] exactly(InputStream in, long length) throws IOException {
    if (length > MAX_BODY) {
      throw new IOException("body too large");
    }
    return in.readNBytes((int) length);
  }

  private static byte[] toEnd(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      buf.write(chunk, 0, n);
      if (buf.size() > MAX_BODY) {
        throw new IOException("body too large");
      }
    }
    return buf.toByteArray();
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int semi = sizeLine.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size");
      }
      if (size == 0) {
        return buf.toByteArray();
      }
      if (size < 0 || buf.size() + size > MAX_BODY) {
        throw new IOException("body too large");
      }
      buf.write(in.readNBytes((int) size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        sb.append((char) b);
      }
      if (sb.length() > 1024) {
        throw new IOException("line too long");
      }
    }
    if (b < 0) {
      throw new IOException("unexpected end of response");
    }
    return sb.toString();
  }

  private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  };
}
