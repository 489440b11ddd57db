package dev.llmgateway.internal.admin;

import dev.llmgateway.Version;
import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Row;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /} (what this node is), {@code GET /status} (how it is doing) and {@code GET /endpoints} (the paths
 * it serves).
 */
final class NodeEndpoints {
  private final AdminContext ctx;

  NodeEndpoints(AdminContext ctx) {
    this.ctx = ctx;
  }

  AdminResponse root() {
    ConfigSnapshot snapshot = ctx.snapshot();
    Map<String, Object> available = new TreeMap<>();
    for (PluginType<?> t : snapshot.registry().all()) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("version", t.version());
      info.put("priority", t.priority());
      available.put(t.name(), info);
    }
    TreeSet<String> enabled = new TreeSet<>();
    for (Row row : snapshot.configuration().rows(snapshot.configuration().types().plugins())) {
      enabled.add(PluginBinding.of(row).name());
    }
    Map<String, Object> plugins = new LinkedHashMap<>();
    plugins.put("available_on_server", available);
    plugins.put("enabled_in_cluster", enabled);
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("proxy_listen", ctx.node.proxyListen());
    configuration.put("admin_listen", ctx.node.adminListen());
    String kind = ctx.writer.store().describe();
    configuration.put("database", kind.startsWith("file:") ? "file"
        : kind.startsWith("postgres:") ? "postgres" : "memory");
    configuration.put("plugins", snapshot.registry().names());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tagline", "Welcome to " + Version.NAME);
    body.put("version", Version.VERSION);
    body.put("edition", "community");
    body.put("hostname", ctx.node.hostname());
    body.put("node_id", ctx.node.nodeId());
    body.put("plugins", plugins);
    body.put("configuration", configuration);
    body.put("pids", Map.of("master", ProcessHandle.current().pid()));
    return AdminResponse.json(200, body);
  }

  AdminResponse status() {
    ServerFigures.Counters c = ctx.figures.counters();
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("connections_accepted", c.connectionsAccepted());
    server.put("connections_active", c.connectionsActive());
    server.put("connections_handled", c.connectionsHandled());
    server.put("connections_reading", c.connectionsReading());
    server.put("connections_writing", c.connectionsWriting());
    server.put("connections_waiting", c.connectionsWaiting());
    server.put("total_requests", c.totalRequests());
    Runtime rt = Runtime.getRuntime();
    Map<String, Object> heap = new LinkedHashMap<>();
    heap.put("used", mib(rt.totalMemory() - rt.freeMemory()));
    heap.put("committed", mib(rt.totalMemory()));
    heap.put("max", mib(rt.maxMemory()));
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("healthy", ctx.writer.store().healthy());
    store.put("kind", ctx.writer.store().describe());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("database", Map.of("reachable", ctx.writer.store().healthy()));
    body.put("memory", Map.of("jvm_heap", heap));
    body.put("server", server);
    body.put("configuration_hash", ConfigHash.of(ctx.snapshot()));
    body.put("store", store);
    return AdminResponse.json(200, body);
  }

  /** Kong's {@code {"data":[paths]}}, read from the table requests are resolved against. */
  AdminResponse endpoints() {
    return AdminResponse.json(200, Map.of("data", ctx.routes().paths()));
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.2f MiB", bytes / 1048576.0);
  }
}
