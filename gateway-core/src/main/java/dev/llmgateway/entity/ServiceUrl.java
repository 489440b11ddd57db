package dev.llmgateway.entity;

/**
 * The parts of a service {@code url} shorthand, or the reason it is not {@code scheme://host[:port][/path]}.
 * Ports default from the scheme (80 for http, 443 for https); an explicit port wins.
 */
record ServiceUrl(String protocol, String host, int port, String path, String error) {

  static ServiceUrl parse(String url) {
    if (url.isEmpty()) {
      return failed("missing host in url");
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0) {
      return failed("missing scheme in url");
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.matches("[a-z][a-z0-9+.\\-]*")) {
      return failed("could not parse url. invalid scheme '" + url.substring(0, schemeEnd) + "'");
    }
    String rest = url.substring(schemeEnd + 3);
    int cut = firstOf(rest, '/', '?', '#');
    String authority = cut < 0 ? rest : rest.substring(0, cut);
    String tail = cut < 0 ? "" : rest.substring(cut);
    if (authority.contains("@")) {
      authority = authority.substring(authority.lastIndexOf('@') + 1);
    }
    if (authority.isEmpty()) {
      return failed("missing host in url");
    }
    HostPort hp = HostPort.parse(authority);
    if (hp == null) {
      return failed("invalid host in url: " + authority);
    }
    if (hp.port() > 65535) {
      return failed("invalid port in url: " + hp.port());
    }
    int port = hp.port() >= 0 ? hp.port() : "https".equals(scheme) ? 443 : 80;
    String path = null;
    if (tail.startsWith("/")) {
      int q = firstOf(tail, '?', '#');
      path = q < 0 ? tail : tail.substring(0, q);
    }
    return new ServiceUrl(scheme, hp.host(), port, path, null);
  }

  private static ServiceUrl failed(String error) {
    return new ServiceUrl(null, null, 0, null, error);
  }

  private static int firstOf(String s, char... chars) {
    int best = -1;
    for (char c : chars) {
      int i = s.indexOf(c);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }
}
