package dev.llmgateway.internal.plugins.aiprompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.aipromptdecorator.PromptDecoratorConfig;
import dev.llmgateway.internal.plugins.aipromptdecorator.PromptDecoratorType;
import dev.llmgateway.internal.plugins.aipromptguard.PromptGuardConfig;
import dev.llmgateway.internal.plugins.aipromptguard.PromptGuardType;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ai-prompt-guard's and ai-prompt-decorator's schemas: Kong OSS's defaults and every validation error. */
class AiPromptSchemaTest {
  private final TestGateway gw = new TestGateway(new PromptGuardType(), new PromptDecoratorType());

  private static Map<String, Object> fields(SchemaViolation e) {
    @SuppressWarnings("unchecked")
    Map<String, Object> f = (Map<String, Object>) e.toJson().get("fields");
    return f;
  }

  private static PromptGuardConfig guard(Row config) {
    return ConfigBinder.of("ai-prompt-guard", PromptGuardConfig.class, PromptGuardConfig.SCHEMA).bind(config);
  }

  private static PromptDecoratorConfig decorator(Row config) {
    return ConfigBinder.of("ai-prompt-decorator", PromptDecoratorConfig.class, PromptDecoratorConfig.SCHEMA)
        .bind(config);
  }

  @Test
  void guardDefaults() {
    Row c = gw.validatePlugin("ai-prompt-guard", Map.of("deny_patterns", List.of("x")), Map.of()).record("config");
    assertThat(guard(c)).isEqualTo(new PromptGuardConfig(List.of(), List.of("x"), false, false, 8192,
        "openai"));
    assertThat(c.get("allow_patterns")).isNull();
    assertThat(new PromptGuardType().priority()).isEqualTo(771);
  }

  @Test
  void guardValidationErrors() {
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard", Map.of(), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(Map.of("@entity",
            List.of("at least one of these fields must be non-empty: 'config.allow_patterns', 'config.deny_patterns'"))));
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard",
        Map.of("deny_patterns", Collections.nCopies(11, "x")), Map.of()))
        .hasMessage("schema violation (config.deny_patterns: length must be at most 10)");
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard", Map.of("allow_patterns", List.of("")), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(
            Map.of("config", Map.of("allow_patterns", List.of("length must be at least 1")))));
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard", Map.of("allow_patterns", List.of("a".repeat(501))),
        Map.of())).isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(
            Map.of("config", Map.of("allow_patterns", List.of("length must be at most 500")))));
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard", Map.of("deny_patterns", List.of("x"),
        "match_all_roles", true, "allow_all_conversation_history", true), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(Map.of(
            "config", Map.of("allow_all_conversation_history", "value must be false"),
            "@entity", List.of("failed conditional validation given value of field 'config.match_all_roles'"))));
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard", Map.of("deny_patterns", List.of("x"),
        "max_request_body_size", 0L), Map.of()))
        .hasMessage("schema violation (config.max_request_body_size: value must be greater than 0)");
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard", Map.of("deny_patterns", List.of("x"),
        "llm_format", "cohere"), Map.of()))
        .hasMessage("schema violation (config.llm_format: expected one of: openai, bedrock, gemini)");
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-guard", Map.of("deny_patterns", List.of("x"),
        "llm_format", "gemini"), Map.of()))
        .hasMessageContaining("llm_format 'gemini' is not supported by this gateway");
  }

  @Test
  void decoratorDefaults() {
    Row c = gw.validatePlugin("ai-prompt-decorator", Map.of("prompts", Map.of("prepend",
        List.of(Map.of("content", "Be brief."))), "max_request_body_size", 100L), Map.of()).record("config");
    assertThat(decorator(c)).isEqualTo(new PromptDecoratorConfig(new PromptDecoratorConfig.Prompts(
        List.of(new PromptDecoratorConfig.Message("system", "Be brief.")), List.of()), 100, "openai"));
    assertThat(new PromptDecoratorType().priority()).isEqualTo(772);
  }

  @Test
  void decoratorValidationErrors() {
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-decorator", Map.of(), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(Map.of("@entity",
            List.of("at least one of these fields must be non-empty: 'config.prompts.prepend', "
                + "'config.prompts.append'"))));
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-decorator", Map.of("prompts", Map.of("append",
        List.of(Map.of("role", "tool", "content", "x")))), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(Map.of("config",
            Map.of("prompts", Map.of("append", List.of(Map.of("role", "expected one of: system, assistant, user")))))));
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-decorator", Map.of("prompts", Map.of("append",
        List.of(Map.of("role", "user")))), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(Map.of("config",
            Map.of("prompts", Map.of("append", List.of(Map.of("content", "required field missing")))))));
    assertThatThrownBy(() -> gw.validatePlugin("ai-prompt-decorator", Map.of("prompts", Map.of("prepend",
        Collections.nCopies(16, Map.of("content", "x")))), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(fields(e)).isEqualTo(Map.of("config",
            Map.of("prompts", Map.of("prepend", "length must be at most 15")))));
  }
}
