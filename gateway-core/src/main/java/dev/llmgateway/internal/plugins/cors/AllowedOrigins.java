package dev.llmgateway.internal.plugins.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code origins} of one cors plugin, compiled once per config: allow-all, one origin sent verbatim, or a list
 * of plain origins and regexes matched against the request's normalised origin (Kong's {@code configure_origin}).
 */
final class AllowedOrigins {
  private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9.:/-]+$");

  /** One entry: a regex (anchored at the start, {@code $} added) or a plain origin; by host when it has no colon. */
  private record Entry(Pattern regex, String domain, boolean byHost) {
    boolean matches(Origin o) {
      if (regex != null) {
        return regex.matcher(byHost ? o.host() : o.domain()).lookingAt();
      }
      return domain.equals(o.domain());
    }
  }

  private final boolean allowAll;
  private final String pinned;
  private final boolean anyAsterisk;
  private final List<Entry> entries;

  AllowedOrigins(List<String> origins) {
    int n = origins == null ? 0 : origins.size();
    allowAll = n == 0 || (n == 1 && origins.get(0).equals("*"));
    pinned = !allowAll && n == 1 && PLAIN.matcher(origins.get(0)).matches() ? origins.get(0) : null;
    boolean asterisk = false;
    List<Entry> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String e = origins.get(i);
      if (e.equals("*")) {
        asterisk = true;
        continue;
      }
      boolean byHost = e.indexOf(':') < 0;
      if (!PLAIN.matcher(e).matches()) {
        String re = e.endsWith("$") ? e : e + "$";
        re = re.startsWith("^") ? re.substring(1) : re;
        list.add(new Entry(Pattern.compile(re), null, byHost));
      } else {
        list.add(new Entry(null, Origin.parse(e).domain(), byHost));
      }
    }
    anyAsterisk = asterisk;
    entries = List.copyOf(list);
  }

  /** Every origin is allowed: {@code Access-Control-Allow-Origin: *}, no {@code Vary}. */
  boolean allowAll() {
    return allowAll;
  }

  /** The one plain origin sent whatever the request's origin, or null. */
  String pinned() {
    return pinned;
  }

  /** With a request origin: any {@code *} entry allows all. */
  boolean anyAsterisk() {
    return anyAsterisk;
  }

  /** The normalised request origin to send back, or null when no entry matches it. */
  String match(String requestOrigin) {
    Origin o = Origin.parse(requestOrigin);
    for (Entry e : entries) {
      if (e.matches(o)) {
        return o.domain();
      }
    }
    return null;
  }
}
