package dev.llmgateway.entity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's service {@code url} shorthand: the URL split the way LuaSocket's {@code socket.url.parse} splits it, then
 * mapped to {@code protocol}, {@code host}, {@code port} and {@code path} exactly as {@code services.lua} maps it.
 * Nothing is checked here: a URL without a host gives a null host, which the schema then reports as
 * {@code host: required field missing}, as Kong does.
 */
final class ServiceUrl {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+\\-.]*):");
  private static final Pattern AUTHORITY = Pattern.compile("^//([^/?#]*)");
  private static final Pattern PORT = Pattern.compile(":([^:\\]]*)$");
  private static final Pattern BRACKETED = Pattern.compile("^\\[(.+)]$");
  private static final Pattern DECIMAL = Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*$");
  private static final Pattern HEX = Pattern.compile("^\\s*0[xX]([0-9A-Fa-f]+)\\s*$");

  private ServiceUrl() {}

  /** The fields a non-empty {@code url} stands for (values may be null). */
  static Map<String, Object> fields(String url) {
    String rest = url;
    String scheme = null;
    Matcher m = SCHEME.matcher(rest);
    if (m.find()) {
      scheme = m.group(1);
      rest = rest.substring(m.end());
    }
    String authority = null;
    m = AUTHORITY.matcher(rest);
    if (m.find()) {
      authority = m.group(1);
      rest = rest.substring(m.end());
    }
    rest = cut(rest, '#');
    rest = cut(rest, '?');
    rest = cut(rest, ';');
    String path = rest.isEmpty() ? null : rest;
    String host = null;
    String portText = null;
    if (authority != null) {
      int at = authority.indexOf('@');
      if (at >= 0) {
        authority = authority.substring(at + 1);
      }
      m = PORT.matcher(authority);
      if (m.find()) {
        portText = m.group(1);
        authority = authority.substring(0, m.start());
      }
      if (!authority.isEmpty()) {
        Matcher b = BRACKETED.matcher(authority);
        host = b.matches() ? b.group(1) : authority;
      }
    }
    Object port = portText == null ? null : luaNumber(portText);
    String protocol = scheme != null ? scheme
        : Long.valueOf(80).equals(port) ? "http" : Long.valueOf(443).equals(port) ? "https" : "http";
    Object portValue = port != null ? port : portText != null ? portText
        : "http".equals(protocol) ? 80L : "https".equals(protocol) ? 443L : 80L;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("protocol", protocol);
    out.put("host", host);
    out.put("port", portValue);
    out.put("path", path);
    return out;
  }

  private static String cut(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s : s.substring(0, i);
  }

  /** Lua's {@code tonumber}: decimal (with fraction or exponent) or hexadecimal text, else null. */
  private static Object luaNumber(String text) {
    Matcher hex = HEX.matcher(text);
    if (hex.matches() && hex.group(1).length() <= 15) {
      return Long.parseLong(hex.group(1), 16);
    }
    if (!DECIMAL.matcher(text).matches()) {
      return null;
    }
    double d = Double.parseDouble(text.trim());
    return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Object) (long) d : (Object) d;
  }
}
