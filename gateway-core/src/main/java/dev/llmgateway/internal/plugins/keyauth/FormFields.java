package dev.llmgateway.internal.plugins.keyauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of an {@code application/x-www-form-urlencoded} body; removing one keeps the others byte for byte. */
final class FormFields implements BodyFields {
  private final String[] pairs;
  private final String[] names;
  private final Map<String, Object> values;

  private FormFields(String[] pairs, String[] names, Map<String, Object> values) {
    this.pairs = pairs;
    this.names = names;
    this.values = values;
  }

  static BodyFields parse(byte[] body) {
    String[] pairs = new String(body, StandardCharsets.UTF_8).split("&", -1);
    String[] names = new String[pairs.length];
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name == null || value == null) {
        continue;
      }
      names[i] = name;
      values.merge(name, value, BodyFields::repeated);
    }
    return new FormFields(pairs, names, values);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  @Override
  public Object value(String name) {
    return values.get(name);
  }

  @Override
  public byte[] without(String name) {
    if (!values.containsKey(name)) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i++) {
      if (name.equals(names[i]) || pairs[i].isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pairs[i]);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
