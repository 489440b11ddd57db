package dev.llmgateway.examples.embedded;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.List;

/**
 * A custom plugin type, {@code model-allowlist}: refuses OpenAI-style requests whose JSON body names a
 * {@code model} that is not in {@code config.allow}. Found through {@link java.util.ServiceLoader}: this class is
 * listed in {@code META-INF/services/dev.llmgateway.plugin.PluginType}, so putting the jar on the class path is
 * all it takes (for the launcher too). Its config binds to {@link Config} by name ({@code max_body_bytes} to
 * {@code maxBodyBytes}), checked against the schema when the gateway registers the type.
 */
public final class ModelAllowlistType implements PluginType<ModelAllowlistType.Config> {
  /** The plugin's name in the {@code plugins} entity. */
  public static final String NAME = "model-allowlist";

  static final Schema CONFIG = Schema.of(NAME,
      Field.array("allow", Field.string("model")).required()
          .description("The model names requests may ask for"),
      Field.integer("max_body_bytes").required().defaultValue(1_048_576L).between(1024, 16_777_216)
          .description("How much of the request body to read to find the model; larger bodies get 413"));

  /** The typed config: one component per schema field, named as the field in camelCase. */
  public record Config(List<String> allow, int maxBodyBytes) {}

  @Override
  public String name() {
    return NAME;
  }

  /** After authentication (key-auth is 1250) and before acl (950) and rate-limiting (910). */
  @Override
  public int priority() {
    return 1000;
  }

  @Override
  public Schema configSchema() {
    return CONFIG;
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Plugin create(PluginSetup<Config> setup) {
    return new ModelAllowlistPlugin(setup.config().allow(), setup.config().maxBodyBytes());
  }
}
