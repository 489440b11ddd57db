package dev.llmgateway.internal.pipeline;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.internal.plugins.serverless.LuaCode;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The plugin types one gateway can run: those found on the class path through {@link ServiceLoader} plus those
 * registered in code. Immutable; also answers the plugins schema's questions, owns the entity type list, and
 * checks each type's config record against its schema up front ({@link ConfigBinder}), so that a mismatch fails
 * here, at start-up, naming the plugin and the component.
 */
public final class PluginRegistry implements PluginBinding.Catalog {
  /** Kong's order within a phase: higher priority first, then name descending. */
  public static final Comparator<PluginType<?>> ORDER = Comparator.<PluginType<?>>comparingInt(PluginType::priority)
      .reversed().thenComparing(PluginType::name, Comparator.reverseOrder());

  private final Map<String, PluginType<?>> byName;
  private final Map<String, Registered<?>> registered;
  private final EntityTypes entityTypes;

  private PluginRegistry(Collection<? extends PluginType<?>> types) {
    Map<String, PluginType<?>> map = new LinkedHashMap<>();
    List<PluginType<?>> sorted = new ArrayList<>(types);
    sorted.sort(ORDER);
    for (PluginType<?> t : sorted) {
      PluginType<?> previous = map.putIfAbsent(t.name(), t);
      if (previous != null && previous.getClass() != t.getClass()) {
        throw new IllegalArgumentException("two plugin types named '" + t.name() + "': "
            + previous.getClass().getName() + " and " + t.getClass().getName());
      }
    }
    this.byName = Collections.unmodifiableMap(map);
    Map<String, Registered<?>> checked = new LinkedHashMap<>();
    for (PluginType<?> t : byName.values()) {
      checked.put(t.name(), Registered.of(t));
    }
    this.registered = Collections.unmodifiableMap(checked);
    List<EntityType> contributed = new ArrayList<>();
    for (PluginType<?> t : byName.values()) {
      contributed.addAll(t.entityTypes());
    }
    this.entityTypes = EntityTypes.of(PluginBinding.type(this), contributed);
  }

  /**
   * The types found by {@link ServiceLoader} in {@code loader}, plus {@code extra}, which win by name (a
   * rate-limiting type with a Redis policy replaces the bundled one); throws {@link IllegalArgumentException}
   * when a type's config record does not match its schema.
   */
  public static PluginRegistry load(ClassLoader loader, Collection<? extends PluginType<?>> extra) {
    List<PluginType<?>> types = new ArrayList<>();
    java.util.Set<String> given = new java.util.HashSet<>();
    extra.forEach(t -> given.add(t.name()));
    for (PluginType<?> t : ServiceLoader.load(PluginType.class, loader)) {
      if (!given.contains(t.name())) {
        types.add(t);
      }
    }
    types.addAll(extra);
    return new PluginRegistry(types);
  }

  /** Exactly these types (tests, embedding without discovery); checked as {@link #load} checks them. */
  public static PluginRegistry of(PluginType<?>... types) {
    return new PluginRegistry(List.of(types));
  }

  /** A plugin type by name, or null. */
  public PluginType<?> get(String name) {
    return byName.get(name);
  }

  /** All types in Kong's run order. */
  public Collection<PluginType<?>> all() {
    return byName.values();
  }

  /**
   * Creates the instance of an enabled binding: binds its config to the type's record once and calls
   * {@link PluginType#create}. Null when no registered type has the binding's name.
   */
  public Plugin instantiate(PluginBinding binding, ConfigView view, RuntimeState state) {
    Registered<?> r = registered.get(binding.name());
    return r == null ? null : r.create(binding, view, state);
  }

  /** The names of all types, in run order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Core entity types, {@code plugins}, and those the plugin types contribute. */
  public EntityTypes entityTypes() {
    return entityTypes;
  }

  @Override
  public Schema configSchema(String pluginName) {
    PluginType<?> t = byName.get(pluginName);
    return t == null ? null : t.configSchema();
  }

  @Override
  public boolean allowsConsumerScope(String pluginName) {
    PluginType<?> t = byName.get(pluginName);
    return t == null || t.allowsConsumerScope();
  }

  /** Kong's "not enabled", or, for a plugin that runs Lua code, why it cannot run here and what to do instead. */
  @Override
  public String unknownMessage(String pluginName) {
    String lua = LuaCode.pluginRefusal(pluginName);
    return lua != null ? lua : PluginBinding.Catalog.super.unknownMessage(pluginName);
  }

  @Override
  public List<EntityCheck> entityChecks(String pluginName) {
    PluginType<?> t = byName.get(pluginName);
    return t == null ? List.of() : t.entityChecks();
  }

  /** A type with its checked binder, kept together so that the config's type lines up with the factory's. */
  private record Registered<C extends Record>(PluginType<C> type, ConfigBinder<C> binder) {
    static <C extends Record> Registered<C> of(PluginType<C> type) {
      return new Registered<>(type, ConfigBinder.of(type.name(), type.configType(), type.configSchema()));
    }

    Plugin create(PluginBinding binding, ConfigView view, RuntimeState state) {
      C config = binder.bind(binding.config());
      Plugin plugin = type.create(new Setup<>(binding, config, view, state));
      if (plugin == null) {
        throw new IllegalStateException("plugin '" + type.name() + "' created no instance");
      }
      return plugin;
    }
  }

  /** What one instance is built from. */
  private record Setup<C extends Record>(PluginBinding binding, C config, ConfigView view, RuntimeState state)
      implements PluginSetup<C> {}
}
