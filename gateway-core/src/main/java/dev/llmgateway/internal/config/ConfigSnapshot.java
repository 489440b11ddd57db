package dev.llmgateway.internal.config;

import dev.llmgateway.config.ConfigView;

import dev.llmgateway.config.EntityTypes;

import dev.llmgateway.config.Configuration;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.internal.pipeline.PluginPlan;
import dev.llmgateway.internal.pipeline.PluginPlans;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.internal.route.Router;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One immutable, indexed view of a whole configuration, ready for the request path: the compiled router, typed
 * entities, upstream targets, and the plugin plan of every route. A change builds a new snapshot that is swapped
 * in whole ({@link LiveConfig}); requests keep the snapshot they started with and never take a lock.
 */
public final class ConfigSnapshot implements ConfigView {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.plugin");

  private final Configuration configuration;
  private final PluginRegistry registry;
  private final long generation;
  private final Map<UUID, Service> services = new HashMap<>();
  private final Map<UUID, Route> routes = new LinkedHashMap<>();
  private final Map<UUID, Consumer> consumers = new HashMap<>();
  private final Map<String, Consumer> consumersByUsername = new HashMap<>();
  private final Map<String, UpstreamTargets> upstreamsByName = new HashMap<>();
  private final Map<UUID, PluginPlan> plans = new HashMap<>();
  private final Map<Object, Object> derived = new ConcurrentHashMap<>();
  private final List<Plugin> instances = new ArrayList<>();
  private final AtomicBoolean retired = new AtomicBoolean();
  private final PluginStates state;
  private final Set<UUID> bindingIds;
  private final Router router;

  private ConfigSnapshot(Configuration configuration, PluginRegistry registry, PluginStates state, long generation) {
    this.configuration = configuration;
    this.registry = registry;
    this.generation = generation;
    EntityTypes types = configuration.types();
    for (Row row : configuration.rows(Service.TYPE)) {
      Service s = Service.of(row);
      services.put(s.id(), s);
    }
    for (Row row : configuration.rows(Consumer.TYPE)) {
      Consumer c = Consumer.of(row);
      consumers.put(c.id(), c);
      if (c.username() != null) {
        consumersByUsername.put(c.username(), c);
      }
    }
    Map<UUID, List<Target>> targets = new HashMap<>();
    for (Row row : configuration.rows(Target.TYPE)) {
      Target t = Target.of(row);
      if (t.weight() > 0) {
        targets.computeIfAbsent(t.upstreamId(), k -> new ArrayList<>()).add(t);
      }
    }
    for (Row row : configuration.rows(Upstream.TYPE)) {
      Upstream u = Upstream.of(row);
      upstreamsByName.put(u.name(), new UpstreamTargets(u, targets.getOrDefault(u.id(), List.of())));
    }
    List<Route> routable = new ArrayList<>();
    for (Row row : configuration.rows(Route.TYPE)) {
      Route r = Route.of(row);
      routes.put(r.id(), r);
      Service s = r.serviceId() == null ? null : services.get(r.serviceId());
      if (r.serviceId() == null || (s != null && s.enabled())) {
        routable.add(r);
      }
    }
    this.router = Router.compile(routable, services);
    Set<UUID> bindings = new HashSet<>();
    for (Row row : configuration.rows(types.plugins())) {
      bindings.add(row.uuid("id"));
    }
    this.state = state;
    this.bindingIds = Set.copyOf(bindings);
    Map<PluginBinding, Plugin> enabled = new LinkedHashMap<>();
    try {
      for (Row row : configuration.rows(types.plugins())) {
        PluginBinding b = PluginBinding.of(row);
        if (b.enabled()) {
          Plugin plugin = registry.instantiate(b, this, state);
          if (plugin != null) {
            enabled.put(b, plugin);
            instances.add(plugin);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      retire(); // the instances made so far never go live
      throw e;
    }
    PluginPlans plansBuilder = new PluginPlans(registry, enabled);
    for (Route r : routable) {
      plans.put(r.id(), plansBuilder.planFor(r));
    }
  }

  /**
   * Builds the snapshot of {@code configuration}; plugin instances are created here, off the request path, and
   * {@code state} loses the entries of plugins the configuration no longer has.
   */
  public static ConfigSnapshot build(Configuration configuration, PluginRegistry registry, PluginStates state,
      long generation) {
    return new ConfigSnapshot(Objects.requireNonNull(configuration, "configuration"),
        Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(state, "state"), generation);
  }

  @Override
  public Configuration configuration() {
    return configuration;
  }

  public PluginRegistry registry() {
    return registry;
  }

  /** Increases by one with every swapped-in change. */
  public long generation() {
    return generation;
  }

  public Router router() {
    return router;
  }

  /** The plugin plan of a routable route; {@link PluginPlan#EMPTY} when it has none. */
  public PluginPlan plan(Route route) {
    PluginPlan plan = plans.get(route.id());
    return plan == null ? PluginPlan.EMPTY : plan;
  }

  public Service service(UUID id) {
    return services.get(id);
  }

  public Route route(UUID id) {
    return routes.get(id);
  }

  /** The upstream of that name with its live targets, or null when the name is a plain host. */
  public UpstreamTargets upstream(String name) {
    return upstreamsByName.get(name);
  }

  @Override
  public Consumer consumer(UUID id) {
    return id == null ? null : consumers.get(id);
  }

  @Override
  public Consumer consumer(String idOrUsername) {
    if (idOrUsername == null) {
      return null;
    }
    UUID id = Configuration.parseUuid(idOrUsername);
    Consumer byId = id == null ? null : consumers.get(id);
    return byId != null ? byId : consumersByUsername.get(idOrUsername);
  }

  /** Every consumer, for lookups by id. */
  public Map<UUID, Consumer> consumers() {
    return Collections.unmodifiableMap(consumers);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T derived(Object key, Function<Configuration, T> compute) {
    Object value = derived.get(key);
    if (value == null) {
      value = derived.computeIfAbsent(key, k -> compute.apply(configuration));
    }
    return (T) value;
  }

  /**
   * Calls {@link Plugin#retire()} on every instance of this snapshot, once: when it is no longer current (see
   * {@link LiveConfig#swap}) or was built but never went live. Failures are logged, never thrown.
   */
  /**
   * Drops the state of plugins this configuration deleted (disabled ones keep theirs; ids never come back). Called
   * once this snapshot is live, never before: a change that is refused or fails to store deletes nothing.
   */
  void dropStateOfDeletedPlugins() {
    state.retainOnly(bindingIds);
  }

  public void retire() {
    if (!retired.compareAndSet(false, true)) {
      return;
    }
    for (Plugin p : instances) {
      try {
        p.retire();
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.WARNING, "retiring plugin instance " + p.getClass().getName() + " failed", e);
      }
    }
  }
}
