package dev.llmgateway.internal.plugins.aipromptdecorator;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The config of one ai-prompt-decorator plugin, bound from its schema by the gateway (the nested {@code prompts}
 * record and its messages as records): Kong OSS's fields, defaults and checks.
 */
public record PromptDecoratorConfig(Prompts prompts, int maxRequestBodySize, String llmFormat) {

  /** One message to add: a role and its content. */
  public record Message(String role, String content) {
    public Message {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(content, "content");
    }
  }

  /** The messages to put before and after the conversation. */
  public record Prompts(List<Message> prepend, List<Message> append) {
    public Prompts {
      prepend = prepend == null ? List.of() : List.copyOf(prepend);
      append = append == null ? List.of() : List.copyOf(append);
    }
  }

  private static final Schema MESSAGE = Schema.of("message",
      Field.string("role").required().defaultValue("system").oneOf("system", "assistant", "user"),
      Field.string("content").required().lenMin(1).lenMax(500));

  /** The schema of ai-prompt-decorator's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("ai-prompt-decorator",
      Field.record("prompts", Schema.of("prompts",
          Field.array("prepend", Field.record("message", MESSAGE)).lenMax(15)
              .description("Messages put before the conversation, in order"),
          Field.array("append", Field.record("message", MESSAGE)).lenMax(15)
              .description("Messages put after the conversation, in order"))),
      Field.integer("max_request_body_size").defaultValue(8192L).greaterThan(0)
          .description("Largest request body decorated, in bytes"),
      Field.string("llm_format").defaultValue("openai").oneOf("openai", "bedrock", "gemini")
          .description("The request format; this gateway reads OpenAI bodies only"));

  /** Kong's plugin-level check, plus ours: only OpenAI bodies are understood here. */
  static final List<EntityCheck> CHECKS = List.of(
      EntityCheck.atLeastOneOf("config.prompts.prepend", "config.prompts.append"),
      PromptDecoratorConfig::openAiOnly);

  public PromptDecoratorConfig {
    prompts = prompts == null ? new Prompts(null, null) : prompts;
    llmFormat = llmFormat == null ? "openai" : llmFormat;
  }

  private static void openAiOnly(Map<String, Object> plugin, dev.llmgateway.schema.FieldErrors errors) {
    if (plugin.get("config") instanceof Row c && !"openai".equals(c.string("llm_format", "openai"))) {
      errors.entity("llm_format '" + c.string("llm_format") + "' is not supported by this gateway: only 'openai' "
          + "request bodies are read");
    }
  }
}
