package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;

/** Kong's label values, derived without allocating: status codes come from a table, names from the entities. */
final class Labels {
  private static final String[] CODES = new String[600];

  static {
    for (int i = 0; i < CODES.length; i++) {
      CODES[i] = Integer.toString(i);
    }
  }

  private Labels() {}

  /** The status as a label value; out-of-range values (which no response has) fold into {@code "0"}. */
  static String code(int status) {
    return status >= 0 && status < CODES.length ? CODES[status] : CODES[0];
  }

  /** Kong's {@code service} label: the name, else the host, else empty. */
  static String service(Service s) {
    return s == null ? "" : s.name() != null ? s.name() : s.host() != null ? s.host() : "";
  }

  /** Kong's {@code route} label: the name, else the id. */
  static String route(Route r) {
    return r.name() != null ? r.name() : r.id().toString();
  }

  /** Kong's {@code consumer} label: the username when per_consumer is on, else empty. */
  static String consumer(Consumer c, boolean perConsumer) {
    return perConsumer && c != null && c.username() != null ? c.username() : "";
  }
}
