package dev.llmgateway.internal.plugins.aiproxy;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ai-proxy's checks across fields: Kong's, worded as Kong words them under {@code config["@entity"]}, and ours,
 * which refuse what this gateway does not translate (a provider whose API is not OpenAI's, a non-openai format),
 * naming it, so that a configuration never loads into something that would answer wrongly.
 */
final class AiProxyChecks {
  /** The providers served: those whose wire format is OpenAI's. */
  static final Set<String> SUPPORTED = Set.of("openai", "llama2", "mistral");

  private AiProxyChecks() {}

  static List<EntityCheck> all() {
    return List.of(AiProxyChecks::kong, AiProxyChecks::supported);
  }

  private static void kong(Map<String, Object> plugin, FieldErrors errors) {
    Row c = plugin.get("config") instanceof Row r ? r : null;
    if (c == null || c.record("model") == null) {
      return;
    }
    Row model = c.record("model");
    Row options = model.record("options");
    String provider = model.string("provider");
    FieldErrors config = errors.nested("config");
    if ("llama2".equals(provider) && option(options, "llama2_format") == null) {
      config.entity("must set 'model.options.llama2_format' for llama2 provider");
    }
    if ("mistral".equals(provider) && option(options, "mistral_format") == null) {
      config.entity("must set 'model.options.mistral_format' for mistral provider");
    }
    if ("anthropic".equals(provider) && option(options, "anthropic_version") == null) {
      config.entity("must set 'model.options.anthropic_version' for anthropic provider");
    }
    if ("azure".equals(provider)) {
      for (String f : List.of("azure_instance", "azure_api_version", "azure_deployment_id")) {
        if (option(options, f) == null) {
          config.entity("must set 'model.options." + f + "' for azure provider");
        }
      }
    }
    if ("llama2".equals(provider) && option(options, "upstream_url") == null) {
      config.entity("must set 'model.options.upstream_url' for self-hosted providers/models");
    }
    Row auth = c.record("auth");
    if (auth != null) {
      if ((auth.get("header_name") == null) != (auth.get("header_value") == null)) {
        config.entity("all or none of these fields must be set: 'auth.header_name', 'auth.header_value'");
      }
      int params = (auth.get("param_name") == null ? 0 : 1) + (auth.get("param_value") == null ? 0 : 1)
          + (auth.get("param_location") == null ? 0 : 1);
      if (params != 0 && params != 3) {
        config.entity("all or none of these fields must be set: 'auth.param_name', 'auth.param_value', "
            + "'auth.param_location'");
      }
    }
  }

  private static void supported(Map<String, Object> plugin, FieldErrors errors) {
    Row c = plugin.get("config") instanceof Row r ? r : null;
    if (c == null || c.record("model") == null) {
      return;
    }
    Row model = c.record("model");
    Row options = model.record("options");
    String provider = model.string("provider");
    FieldErrors config = errors.nested("config");
    if (!SUPPORTED.contains(provider)) {
      config.nested("model").put("provider", "provider '" + provider + "' is not supported: this gateway's "
          + "ai-proxy serves OpenAI-format providers only (openai, llama2 and mistral with the openai format)");
    }
    String llama2 = option(options, "llama2_format");
    if ("llama2".equals(provider) && llama2 != null && !"openai".equals(llama2)) {
      config.nested("model").nested("options").put("llama2_format", "llama2_format '" + llama2
          + "' is not supported: only 'openai' (an OpenAI-compatible server)");
    }
    String mistral = option(options, "mistral_format");
    if ("mistral".equals(provider) && mistral != null && !"openai".equals(mistral)) {
      config.nested("model").nested("options").put("mistral_format", "mistral_format '" + mistral
          + "' is not supported: only 'openai'");
    }
    String format = c.string("llm_format");
    if (format != null && !"openai".equals(format)) {
      config.put("llm_format", "llm_format '" + format + "' is not supported: only 'openai'");
    }
  }

  private static String option(Row options, String field) {
    return options == null ? null : options.string(field);
  }
}
