package dev.llmgateway.undertow.internal.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One request written byte for byte on a fresh connection to 127.0.0.1 (any request target, method or Host the
 * JDK client would refuse), and everything the server sent back until it closed or 5 s passed.
 */
record RawExchange(int status, String text) {
  static RawExchange send(int port, String requestHead) throws IOException {
    try (Socket s = new Socket()) {
      s.setSoTimeout(5_000);
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException stopped) {
        // What arrived so far is the answer (a server may keep the connection or reset it).
      }
      String text = got.toString(StandardCharsets.ISO_8859_1);
      int status = -1;
      if (text.startsWith("HTTP/1.")) {
        status = Integer.parseInt(text.substring(9, 12));
      }
      return new RawExchange(status, text);
    }
  }
}
