package dev.llmgateway.internal.plugins.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.SchemaViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LuaPluginsRefusedTest {
  private final Schema plugins = PluginRegistry.load(getClass().getClassLoader(), List.of())
      .entityTypes().plugins().schema();

  private Object nameError(String name) {
    try {
      plugins.validate(Map.of("name", name, "config", Map.of("access", List.of("kong.log.err('hi')"))));
    } catch (SchemaViolation e) {
      return ((Map<?, ?>) e.toJson().get("fields")).get("name");
    }
    throw new AssertionError(name + " accepted");
  }

  @Test
  void serverlessPluginsAreRefusedNamingThePluginLuaAndTheAlternative() {
    for (String name : List.of("pre-function", "post-function")) {
      assertThat(nameError(name)).isEqualTo("plugin '" + name + "' runs Lua code, which cannot run in this gateway"
          + " (it has no Lua runtime); write it as a Java plugin instead (implement dev.llmgateway.plugin.PluginType;"
          + " see docs/plugins.md)");
    }
  }

  @Test
  void otherUnknownPluginsKeepKongsMessage() {
    assertThat(nameError("foo-bar"))
        .isEqualTo("plugin 'foo-bar' not enabled; add it to the 'plugins' configuration property");
  }

  @Test
  void fieldRefusalNamesPluginAndField() {
    assertThat(LuaCode.fieldRefusal("request-transformer", "the template '$(headers.x)'")).isEqualTo(
        "request-transformer: the template '$(headers.x)' is Lua code, which cannot run in this gateway; write it as "
            + "a Java plugin instead (implement dev.llmgateway.plugin.PluginType; see docs/plugins.md)");
  }
}
