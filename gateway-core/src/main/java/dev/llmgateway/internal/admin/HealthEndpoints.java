package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.balancer.Balancer;
import dev.llmgateway.internal.balancer.UpstreamHealth;
import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.HostPort;
import dev.llmgateway.entity.Target;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Kong's health endpoints of an upstream, answered from this node's {@link Balancer}: {@code GET
 * /upstreams/{u}/health} (each target with its health, or with {@code ?balancer_health=1} the upstream's own), and
 * {@code PUT|POST /upstreams/{u}/targets/{t}[/{address}]/healthy|unhealthy} (204). Health is per node and is not
 * stored with the configuration.
 */
final class HealthEndpoints {
  private final AdminContext ctx;

  HealthEndpoints(AdminContext ctx) {
    this.ctx = ctx;
  }

  AdminResponse health(AdminRoute route, Map<String, String> query) {
    ConfigSnapshot snapshot = ctx.snapshot();
    Configuration cfg = snapshot.configuration();
    Row upstream = NestedEndpoints.parent(cfg, route);
    UpstreamHealth health = ctx.balancer == null ? null : ctx.balancer.health(snapshot, upstream.string("name"));
    Map<String, Object> body = new LinkedHashMap<>();
    if (isOn(query.get("balancer_health"))) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("health", health == null ? "HEALTHCHECKS_OFF" : health.balancerHealth());
      data.put("id", upstream.string("id"));
      if (health != null) {
        Map<String, Object> weight = new LinkedHashMap<>();
        weight.put("total", health.totalWeight());
        weight.put("available", health.healthyWeight());
        weight.put("unavailable", health.totalWeight() - health.healthyWeight());
        data.put("details", Map.of("healthy", "HEALTHY".equals(health.balancerHealth()), "weight", weight));
      }
      body.put("data", data);
    } else {
      List<Object> data = new ArrayList<>();
      UUID upstreamId = UUID.fromString(upstream.string("id"));
      for (Row t : cfg.rows(Target.TYPE)) {
        if (!upstreamId.equals(t.foreignId("upstream"))) {
          continue;
        }
        Target target = Target.of(t);
        String address = target.host() + ":" + target.port();
        String state = health == null ? null : health.healthOf(address);
        if (state == null) {
          state = "HEALTHCHECKS_OFF"; // weight 0: not balanced, nothing checks it
        }
        Map<String, Object> entry = new LinkedHashMap<>(t.asMap());
        entry.put("health", state);
        Map<String, Object> addr = new LinkedHashMap<>();
        addr.put("ip", target.host());
        addr.put("port", target.port());
        addr.put("health", state);
        addr.put("weight", target.weight());
        entry.put("data", Map.of("addresses", List.of(addr)));
        data.add(entry);
      }
      body.put("data", data);
      body.put("next", null);
    }
    body.put("node_id", ctx.node.nodeId());
    return AdminResponse.json(200, body);
  }

  AdminResponse set(AdminRoute route) {
    ConfigSnapshot snapshot = ctx.snapshot();
    Configuration cfg = snapshot.configuration();
    Row upstream = NestedEndpoints.parent(cfg, route);
    Row row = NestedEndpoints.child(cfg, route, upstream);
    if (row == null) {
      throw ApiError.notFound();
    }
    String address = route.collectionPath();
    if (address != null && !(HostPort.parse(address) instanceof HostPort)) {
      throw ApiError.message(400, "Invalid address: " + address);
    }
    Target target = Target.of(row);
    boolean healthy = route.name().equals("healthy");
    if (ctx.balancer == null || !ctx.balancer.setHealth(snapshot, upstream.string("name"),
        target.host() + ":" + target.port(), healthy)) {
      // Kong: a target the balancer does not know (weight 0) has no health to set.
      throw ApiError.message(404, "Not found");
    }
    return AdminResponse.empty(204);
  }

  private static boolean isOn(String flag) {
    return flag != null && (flag.equals("1") || flag.equalsIgnoreCase("true"));
  }
}
