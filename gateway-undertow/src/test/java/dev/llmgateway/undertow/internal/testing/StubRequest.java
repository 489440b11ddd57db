package dev.llmgateway.undertow.internal.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One request as a {@link StubUpstream} received it, byte for byte where it matters: the raw request target, the
 * header lines in order, the body, and which connection it came on (with its position there, 1 for the first).
 */
public record StubRequest(String method, String target, String version, List<Map.Entry<String, String>> headers,
    byte[] body, int connectionId, int indexOnConnection) {

  /** The target's path (before {@code ?}). */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The raw query after {@code ?}, or null when the target has none. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? null : target.substring(q + 1);
  }

  /** The first value of a header (name case-insensitive), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Every value of a header, in order. */
  public List<String> headers(String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        out.add(h.getValue());
      }
    }
    return out;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Hex SHA-256 of the body. */
  public String bodySha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
