package dev.llmgateway.internal.route;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Services and routes built from rows through the real schemas, and routers compiled from them. */
final class Fixtures {
  private Fixtures() {}

  /** A service validated from {@code url} (the shorthand) plus any extra fields. */
  static Service service(String url, Object... extra) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("id", UUID.randomUUID().toString());
    in.put("url", url);
    put(in, extra);
    return Service.of(Service.SCHEMA.validate(Service.TYPE.expandShorthands(in)));
  }

  /** A route of {@code service} (null for none) validated from alternating field names and values. */
  static Route route(Service service, Object... fields) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("id", UUID.randomUUID().toString());
    if (service != null) {
      in.put("service", Map.of("id", service.id().toString()));
    }
    put(in, fields);
    return Route.of(Route.SCHEMA.validate(in));
  }

  /** A router over the routes, resolving their services among {@code services}. */
  static Router router(List<Route> routes, Service... services) {
    Map<UUID, Service> byId = new HashMap<>();
    for (Service s : services) {
      byId.put(s.id(), s);
    }
    return Router.compile(routes, byId);
  }

  private static void put(Map<String, Object> in, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      in.put((String) pairs[i], pairs[i + 1]);
    }
  }
}
