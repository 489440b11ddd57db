package dev.llmgateway.internal.pipeline;

import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.entity.Route;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds the {@link PluginPlan} of every route from the enabled plugin instances of one snapshot: bindings are
 * grouped by name and scope once, then each route's plan is a few map lookups per plugin name.
 */
public final class PluginPlans {
  private final PluginRegistry registry;
  private final Map<String, Scoped> byName = new LinkedHashMap<>();

  /** @param instances enabled bindings and their instances */
  public PluginPlans(PluginRegistry registry, Map<PluginBinding, Plugin> instances) {
    this.registry = Objects.requireNonNull(registry, "registry");
    instances.forEach((binding, plugin) -> {
      if (registry.get(binding.name()) != null) {
        byName.computeIfAbsent(binding.name(), n -> new Scoped()).add(binding, plugin);
      }
    });
  }

  /** The plan of a route (its service id may be null). */
  public PluginPlan planFor(Route route) {
    if (byName.isEmpty()) {
      return PluginPlan.EMPTY;
    }
    List<PluginPlan.Slot> slots = new ArrayList<>();
    int bodyLimit = 0;
    for (Map.Entry<String, Scoped> e : byName.entrySet()) {
      PluginPlan.Slot slot = e.getValue().slotFor(registry.get(e.getKey()), route.id(), route.serviceId());
      if (slot != null) {
        slots.add(slot);
        bodyLimit = Math.max(bodyLimit, slot.general == null ? 0 : slot.general.plugin().requestBodyLimit());
        if (slot.byConsumer != null) {
          for (PluginPlan.Candidate c : slot.byConsumer.values()) {
            bodyLimit = Math.max(bodyLimit, c.plugin().requestBodyLimit());
          }
        }
      }
    }
    if (slots.isEmpty()) {
      return PluginPlan.EMPTY;
    }
    slots.sort((a, b) -> PluginRegistry.ORDER.compare(a.type, b.type));
    return new PluginPlan(slots, bodyLimit);
  }

  /** The bindings of one plugin name, indexed by scope. */
  private static final class Scoped {
    PluginPlan.Candidate global;
    final Map<UUID, PluginPlan.Candidate> byService = new HashMap<>();
    final Map<UUID, PluginPlan.Candidate> byRoute = new HashMap<>();
    final Map<List<UUID>, PluginPlan.Candidate> byRouteAndService = new HashMap<>();
    final List<PluginPlan.Candidate> consumerScoped = new ArrayList<>();

    void add(PluginBinding b, Plugin plugin) {
      PluginPlan.Candidate c = new PluginPlan.Candidate(b, plugin, b.scopeRank());
      if (b.consumerId() != null) {
        consumerScoped.add(c);
      } else if (b.routeId() != null && b.serviceId() != null) {
        byRouteAndService.put(List.of(b.routeId(), b.serviceId()), c);
      } else if (b.routeId() != null) {
        byRoute.put(b.routeId(), c);
      } else if (b.serviceId() != null) {
        byService.put(b.serviceId(), c);
      } else {
        global = c;
      }
    }

    PluginPlan.Slot slotFor(PluginType<?> type, UUID routeId, UUID serviceId) {
      PluginPlan.Candidate general = serviceId == null ? null : byRouteAndService.get(List.of(routeId, serviceId));
      if (general == null) {
        general = byRoute.get(routeId);
      }
      if (general == null && serviceId != null) {
        general = byService.get(serviceId);
      }
      if (general == null) {
        general = global;
      }
      Map<UUID, PluginPlan.Candidate> consumers = new HashMap<>();
      for (PluginPlan.Candidate c : consumerScoped) {
        PluginBinding b = c.binding();
        boolean routeOk = b.routeId() == null || b.routeId().equals(routeId);
        boolean serviceOk = b.serviceId() == null || b.serviceId().equals(serviceId);
        if (routeOk && serviceOk) {
          consumers.merge(b.consumerId(), c, (x, y) -> x.rank() >= y.rank() ? x : y);
        }
      }
      if (general == null && consumers.isEmpty()) {
        return null;
      }
      return new PluginPlan.Slot(type, general, consumers);
    }
  }
}
