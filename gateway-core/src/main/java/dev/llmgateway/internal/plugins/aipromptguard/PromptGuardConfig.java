package dev.llmgateway.internal.plugins.aipromptguard;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Map;

/** The config of one ai-prompt-guard plugin, bound from its schema by the gateway: Kong OSS's fields and checks. */
public record PromptGuardConfig(List<String> allowPatterns, List<String> denyPatterns,
    boolean allowAllConversationHistory, boolean matchAllRoles, int maxRequestBodySize, String llmFormat) {

  /** The schema of ai-prompt-guard's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("ai-prompt-guard",
      Field.array("allow_patterns", Field.string("pattern").lenMin(1).lenMax(500)).lenMax(10)
          .description("Regexes of which the prompt must match at least one"),
      Field.array("deny_patterns", Field.string("pattern").lenMin(1).lenMax(500)).lenMax(10)
          .description("Regexes none of which the prompt may match"),
      Field.bool("allow_all_conversation_history").required().defaultValue(false)
          .description("Check only the newest prompt, not the whole conversation"),
      Field.bool("match_all_roles").required().defaultValue(false)
          .description("Check messages of every role, not only 'user'"),
      Field.integer("max_request_body_size").defaultValue(8192L).greaterThan(0)
          .description("Largest request body inspected, in bytes"),
      Field.string("llm_format").defaultValue("openai").oneOf("openai", "bedrock", "gemini")
          .description("The request format; this gateway reads OpenAI bodies only"));

  /** Kong's plugin-level checks, plus ours: only OpenAI bodies are understood here. */
  static final List<EntityCheck> CHECKS = List.of(
      EntityCheck.atLeastOneOf("config.allow_patterns", "config.deny_patterns"),
      EntityCheck.conditional("config.match_all_roles", Boolean.TRUE::equals,
          "config.allow_all_conversation_history",
          EntityCheck.Then.satisfies(v -> Boolean.FALSE.equals(v) ? null : "value must be false"), null),
      PromptGuardConfig::openAiOnly);

  public PromptGuardConfig {
    allowPatterns = allowPatterns == null ? List.of() : List.copyOf(allowPatterns);
    denyPatterns = denyPatterns == null ? List.of() : List.copyOf(denyPatterns);
    llmFormat = llmFormat == null ? "openai" : llmFormat;
  }

  private static void openAiOnly(Map<String, Object> plugin, dev.llmgateway.schema.FieldErrors errors) {
    if (plugin.get("config") instanceof Row c && !"openai".equals(c.string("llm_format", "openai"))) {
      errors.entity("llm_format '" + c.string("llm_format") + "' is not supported by this gateway: only 'openai' "
          + "request bodies are read");
    }
  }
}
