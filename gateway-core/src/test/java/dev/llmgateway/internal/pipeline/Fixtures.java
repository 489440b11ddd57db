package dev.llmgateway.internal.pipeline;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Builds small configurations and snapshots for plugin-pipeline tests. */
final class Fixtures {
  private Fixtures() {}

  static final Schema LABEL_CONFIG = Schema.of("config", Field.string("label").required());

  /** The config of test plugins: a label. */
  record LabelConfig(String label) {}

  /** A plugin type whose instances are built by {@code factory} from their setup. */
  record TestType(String name, int priority, boolean allowsConsumerScope,
      Function<PluginSetup<LabelConfig>, Plugin> factory) implements PluginType<LabelConfig> {
    @Override
    public Schema configSchema() {
      return LABEL_CONFIG;
    }

    @Override
    public Class<LabelConfig> configType() {
      return LabelConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<LabelConfig> setup) {
      return factory.apply(setup);
    }
  }

  /** A plugin that only carries its binding's label, to see which instance a plan picked. */
  record Labelled(String label) implements Plugin {}

  static TestType labelled(String name, int priority) {
    return new TestType(name, priority, true, setup -> new Labelled(setup.config().label()));
  }

  /** A configuration under construction: entities with fixed ids, plugins with labels. */
  static final class Config {
    final PluginRegistry registry;
    Configuration configuration;

    Config(PluginRegistry registry) {
      this.registry = registry;
      this.configuration = Configuration.empty(registry.entityTypes());
    }

    UUID service(String host, boolean enabled) {
      UUID id = UUID.randomUUID();
      add(Service.TYPE, Map.of("id", id.toString(), "host", host, "enabled", enabled));
      return id;
    }

    UUID route(UUID service, String path) {
      UUID id = UUID.randomUUID();
      Map<String, Object> row = new LinkedHashMap<>(Map.of("id", id.toString(), "paths", List.of(path)));
      if (service != null) {
        row.put("service", Map.of("id", service.toString()));
      }
      add(Route.TYPE, row);
      return id;
    }

    UUID consumer(String username) {
      UUID id = UUID.randomUUID();
      add(Consumer.TYPE, Map.of("id", id.toString(), "username", username));
      return id;
    }

    UUID plugin(String name, String label, UUID route, UUID service, UUID consumer) {
      return plugin(name, label, route, service, consumer, Map.of());
    }

    UUID plugin(String name, String label, UUID route, UUID service, UUID consumer, Map<String, Object> extra) {
      UUID id = UUID.randomUUID();
      Map<String, Object> row = new LinkedHashMap<>(extra);
      row.put("id", id.toString());
      row.put("name", name);
      row.put("config", Map.of("label", label));
      if (route != null) {
        row.put("route", Map.of("id", route.toString()));
      }
      if (service != null) {
        row.put("service", Map.of("id", service.toString()));
      }
      if (consumer != null) {
        row.put("consumer", Map.of("id", consumer.toString()));
      }
      add(registry.entityTypes().plugins(), row);
      return id;
    }

    void remove(EntityType type, UUID id) {
      configuration = configuration.without(type, id);
    }

    private void add(EntityType type, Map<String, Object> input) {
      configuration = configuration.with(type, type.schema().validate(type.expandShorthands(input)));
    }

    ConfigSnapshot snapshot(PluginStates state) {
      return ConfigSnapshot.build(configuration, registry, state, 1);
    }
  }
}
