package dev.llmgateway.pipeline;

import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugins.serverless.LuaCode;
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
 * registered in code. Immutable; also answers the plugins schema's questions and owns the entity type list.
 */
public final class PluginRegistry implements PluginBinding.Catalog {
  /** Kong's order within a phase: higher priority first, then name descending. */
  public static final Comparator<PluginType> ORDER =
      Comparator.comparingInt(PluginType::priority).reversed().thenComparing(PluginType::name, Comparator.reverseOrder());

  private final Map<String, PluginType> byName;
  private final EntityTypes entityTypes;

  private PluginRegistry(Collection<PluginType> types) {
    Map<String, PluginType> map = new LinkedHashMap<>();
    List<PluginType> sorted = new ArrayList<>(types);
    sorted.sort(ORDER);
    for (PluginType t : sorted) {
      PluginType previous = map.putIfAbsent(t.name(), t);
      if (previous != null && previous.getClass() != t.getClass()) {
        throw new IllegalArgumentException("two plugin types named '" + t.name() + "': "
            + previous.getClass().getName() + " and " + t.getClass().getName());
      }
    }
    this.byName = Collections.unmodifiableMap(map);
    List<EntityType> contributed = new ArrayList<>();
    for (PluginType t : byName.values()) {
      contributed.addAll(t.entityTypes());
    }
    this.entityTypes = EntityTypes.of(PluginBinding.type(this), contributed);
  }

  /** The types found by {@link ServiceLoader} in {@code loader}, plus {@code extra}. */
  public static PluginRegistry load(ClassLoader loader, Collection<? extends PluginType> extra) {
    List<PluginType> types = new ArrayList<>();
    ServiceLoader.load(PluginType.class, loader).forEach(types::add);
    types.addAll(extra);
    return new PluginRegistry(types);
  }

  /** Exactly these types (tests, embedding without discovery). */
  public static PluginRegistry of(PluginType... types) {
    return new PluginRegistry(List.of(types));
  }

  /** A plugin type by name, or null. */
  public PluginType get(String name) {
    return byName.get(name);
  }

  /** All types in Kong's run order. */
  public Collection<PluginType> all() {
    return byName.values();
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
    PluginType t = byName.get(pluginName);
    return t == null ? null : t.configSchema();
  }

  @Override
  public boolean allowsConsumerScope(String pluginName) {
    PluginType t = byName.get(pluginName);
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
    PluginType t = byName.get(pluginName);
    return t == null ? List.of() : t.entityChecks();
  }
}
