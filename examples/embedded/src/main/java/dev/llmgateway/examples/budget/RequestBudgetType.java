package dev.llmgateway.examples.budget;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.StateKey;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;

/**
 * The {@code request-budget} plugin type: at most {@code requests} requests per fixed minute or hour for each
 * configured plugin, optionally approved one by one by an HTTP service ({@code approval.url}).
 */
public final class RequestBudgetType implements PluginType<RequestBudgetType.Config> {
  /** The plugin's name in the {@code plugins} entity. */
  public static final String NAME = "request-budget";

  /** The windows a budget counts in; bound from the schema's {@code one_of} ("minute", "hour"). */
  public enum Window { MINUTE, HOUR }

  /** The typed config: one component per schema field, each named as its field in camelCase. */
  public record Config(int requests, Window window, String headerName, Approval approval, int reportSeconds) {}

  /** The nested {@code approval} record. */
  public record Approval(String url, int timeoutMs) {}

  static final Schema APPROVAL = Schema.of("approval",
      Field.string("url").description("Asked with GET for each request; 2xx approves it"),
      Field.integer("timeout_ms").defaultValue(2000L).between(1, 60_000));

  static final Schema CONFIG = Schema.of(NAME,
      Field.integer("requests").required().greaterThan(0)
          .description("Requests allowed per window"),
      Field.string("window").required().defaultValue("minute").oneOf("minute", "hour"),
      Field.string("header_name").required().defaultValue("X-Budget-Remaining"),
      Field.record("approval", APPROVAL),
      Field.integer("report_seconds").required().defaultValue(60L).between(1, 86_400)
          .description("How often the budget's use is logged"));

  /** Each plugin's counter, kept across configuration changes under the plugin's id. */
  static final StateKey<Budget> BUDGET = StateKey.of("request-budget/budget", Budget.class);

  @Override
  public String name() {
    return NAME;
  }

  /** After authentication (key-auth is 1250), before rate-limiting (910). */
  @Override
  public int priority() {
    return 920;
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
    Budget budget = setup.state(BUDGET, Budget::new);
    return new RequestBudgetPlugin(setup.binding().id().toString(), setup.config(), budget);
  }
}
