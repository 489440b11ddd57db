package dev.llmgateway.undertow.embed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A route as a typed value: its service (name or id), path prefixes (or {@code ~} regexes), methods, hosts and
 * whether the matched prefix is stripped. Empty lists are left out, as Kong leaves them unset.
 */
public record RouteSpec(String service, String name, List<String> paths, List<String> methods, List<String> hosts,
    boolean stripPath, List<String> tags) {

  public RouteSpec {
    Objects.requireNonNull(name, "name");
    paths = paths == null ? List.of() : List.copyOf(paths);
    methods = methods == null ? List.of() : List.copyOf(methods);
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The usage guide's route: path prefixes on a service, the prefix stripped. */
  public static RouteSpec of(String service, String name, String... paths) {
    return new RouteSpec(service, name, List.of(paths), List.of(), List.of(), true, List.of());
  }

  /** This route restricted to some methods. */
  public RouteSpec methods(String... methods) {
    return new RouteSpec(service, name, paths, List.of(methods), hosts, stripPath, tags);
  }

  /** This route restricted to some hosts. */
  public RouteSpec hosts(String... hosts) {
    return new RouteSpec(service, name, paths, methods, List.of(hosts), stripPath, tags);
  }

  /** Kong's JSON fields for {@code POST /routes}. */
  Map<String, Object> fields() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    putList(out, "paths", paths);
    putList(out, "methods", methods);
    putList(out, "hosts", hosts);
    putList(out, "tags", tags);
    out.put("strip_path", stripPath);
    if (service != null) {
      out.put("service", EntityEditor.reference(service, "name"));
    }
    return out;
  }

  private static void putList(Map<String, Object> out, String field, List<String> values) {
    if (!values.isEmpty()) {
      out.put(field, values);
    }
  }
}
