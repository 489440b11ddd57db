package dev.llmgateway.balancer;

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
      return parse(read(s.getInputStream()));
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

  private static byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      buf.write(chunk, 0, n);
      if (buf.size() > MAX_BODY) {
        break;
      }
    }
    return buf.toByteArray();
  }

  static Answer parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int lineEnd = text.indexOf("\r\n");
    String statusLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response");
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad status line");
    }
    int headEnd = text.indexOf("\r\n\r\n");
    String body = headEnd < 0 ? "" : new String(raw, headEnd + 4, raw.length - headEnd - 4, StandardCharsets.UTF_8);
    return new Answer(status, body);
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
