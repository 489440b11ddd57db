package dev.llmgateway.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.internal.plugins.acl.AclType;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingType;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The config record binding: its rules, and the registration-time check that catches a mismatch. */
class ConfigBinderTest {
  enum Mode { FAST, SLOW_START, OFF }

  record Limits(int burst, Double perSecond) {}

  record Full(String modelName, boolean hideGroupsHeader, int maxTokens, long budget, double ratio, Integer retries,
      Long window, List<String> allow, Set<String> tags, Map<String, Integer> weights, Mode mode, Limits limits,
      Row raw) {}

  static final Schema LIMITS = Schema.of("limits",
      Field.integer("burst").defaultValue(5L),
      Field.number("per_second"));

  static final Schema FULL = Schema.of("full",
      Field.string("model_name").required(),
      Field.bool("hide_groups_header").required().defaultValue(false),
      Field.number("max_tokens").defaultValue(256L),
      Field.integer("budget").required().defaultValue(1000L),
      Field.number("ratio").required().defaultValue(0.5),
      Field.integer("retries"),
      Field.integer("window"),
      Field.array("allow", Field.string("group")),
      Field.set("tags", Field.string("tag")),
      Field.map("weights", Field.integer("weight")),
      Field.string("mode").defaultValue("fast").oneOf("fast", "slow-start", "off"),
      Field.record("limits", LIMITS),
      Field.record("raw", LIMITS),
      Field.string("unused"));

  private static Row row(Map<String, Object> in) {
    return FULL.validate(in);
  }

  @Test
  void bindsEveryKindOfFieldByItsCamelCaseName() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("model_name", "llama");
    in.put("hide_groups_header", true);
    in.put("max_tokens", 99.9);
    in.put("budget", 12L);
    in.put("ratio", 2L);
    in.put("retries", 3L);
    in.put("allow", List.of("a", "b"));
    in.put("tags", List.of("x", "y", "x"));
    in.put("weights", Map.of("w", 7L));
    in.put("mode", "slow-start");
    in.put("limits", Map.of("per_second", 1.5));
    Full f = ConfigBinder.of("full", Full.class, FULL).bind(row(in));
    assertThat(f.modelName()).isEqualTo("llama");
    assertThat(f.hideGroupsHeader()).isTrue();
    assertThat(f.maxTokens()).isEqualTo(99); // a number bound to an int is rounded down
    assertThat(f.budget()).isEqualTo(12L);
    assertThat(f.ratio()).isEqualTo(2.0);
    assertThat(f.retries()).isEqualTo(3);
    assertThat(f.window()).isNull();
    assertThat(f.allow()).containsExactly("a", "b");
    assertThat(f.tags()).containsExactly("x", "y");
    assertThat(f.weights()).containsExactly(Map.entry("w", 7));
    assertThat(f.mode()).isEqualTo(Mode.SLOW_START);
    assertThat(f.limits()).isEqualTo(new Limits(5, 1.5));
    assertThat(f.raw().get("burst")).isEqualTo(5L);
    assertThatThrownBy(() -> f.allow().add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anExplicitNullGivesAPrimitiveTheFieldsDefaultAndABoxNull() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("model_name", "m");
    in.put("max_tokens", null);
    in.put("mode", null);
    Full f = ConfigBinder.of("full", Full.class, FULL).bind(row(in));
    assertThat(f.maxTokens()).isEqualTo(256);
    assertThat(f.mode()).isNull();
  }

  record Typo(boolean hideGroupHeader) {}

  @Test
  void aComponentWithoutItsFieldFailsRegistrationNamingPluginAndComponent() {
    assertThatThrownBy(() -> PluginRegistry.of(type("typo", Typo.class, FULL)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugin 'typo'")
        .hasMessageContaining("component 'hideGroupHeader'")
        .hasMessageContaining("'hide_group_header'")
        .hasMessageContaining("hide_groups_header");
  }

  record WrongType(String hideGroupsHeader) {}

  record NestedTypo(Limits2 limits) {}

  record Limits2(int brust) {}

  record PrimitiveForNullable(int retries) {}

  record EnumMissingAValue(Short mode) {}

  enum Short { FAST, OFF }

  record EnumWithoutOneOf(Mode modelName) {}

  record RawList(@SuppressWarnings("rawtypes") List allow) {}

  @Test
  void incompatibleComponentsFailRegistrationWithTheReason() {
    assertThatThrownBy(() -> PluginRegistry.of(type("p", WrongType.class, FULL)))
        .hasMessageContaining("plugin 'p'")
        .hasMessageContaining("component 'hideGroupsHeader' (java.lang.String) cannot hold field "
            + "'hide_groups_header' of type boolean");
    assertThatThrownBy(() -> PluginRegistry.of(type("p", NestedTypo.class, FULL)))
        .hasMessageContaining("component 'limits.brust'");
    assertThatThrownBy(() -> PluginRegistry.of(type("p", PrimitiveForNullable.class, FULL)))
        .hasMessageContaining("component 'retries' is a int but field 'retries' may be null");
    assertThatThrownBy(() -> PluginRegistry.of(type("p", EnumMissingAValue.class, FULL)))
        .hasMessageContaining("enum Short has no constant SLOW_START");
    assertThatThrownBy(() -> PluginRegistry.of(type("p", EnumWithoutOneOf.class, FULL)))
        .hasMessageContaining("has no one_of");
    assertThatThrownBy(() -> PluginRegistry.of(type("p", RawList.class, FULL)))
        .hasMessageContaining("declare its element types");
  }

  @Test
  void theBundledPluginsRecordsMatchTheirSchemas() {
    PluginRegistry registry = PluginRegistry.of(new KeyAuthType(), new AclType(), new RateLimitingType());
    assertThat(registry.names()).containsExactly("key-auth", "acl", "rate-limiting");
  }

  static final AtomicInteger BINDS = new AtomicInteger();

  record Counted(String label) {
    Counted {
      BINDS.incrementAndGet();
    }
  }

  @Test
  void theConfigIsBoundOncePerInstanceNotPerRequest() {
    BINDS.set(0);
    PluginType<Counted> counted = type("counted", Counted.class, Fixtures.LABEL_CONFIG);
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(counted));
    UUID route = c.route(null, "/r");
    c.plugin("counted", "x", null, null, null);
    var snapshot = c.snapshot(new PluginStates());
    assertThat(BINDS.get()).isEqualTo(1);
    for (int i = 0; i < 100; i++) {
      assertThat(snapshot.plan(snapshot.route(route)).select(0, null, "http")).isNotNull();
    }
    assertThat(BINDS.get()).isEqualTo(1);
  }

  private static <C extends Record> PluginType<C> type(String name, Class<C> configType, Schema schema) {
    return new PluginType<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return 1;
      }

      @Override
      public Schema configSchema() {
        return schema;
      }

      @Override
      public Class<C> configType() {
        return configType;
      }

      @Override
      public Plugin create(PluginSetup<C> setup) {
        assertThat(setup.config()).isInstanceOf(configType);
        assertThat(setup.row()).isSameAs(setup.binding().config());
        return new Plugin() {};
      }
    };
  }
}
