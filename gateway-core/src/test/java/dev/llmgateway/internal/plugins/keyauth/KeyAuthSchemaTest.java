package dev.llmgateway.internal.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyAuthSchemaTest {
  private final TestGateway gw = new TestGateway(new KeyAuthType());

  @Test
  void everyFieldHasKongsDefault() {
    Row config = gw.validatePlugin("key-auth", null, Map.of()).record("config");
    assertThat(config.asMap()).containsExactly(
        Map.entry("key_names", List.of("apikey")),
        Map.entry("hide_credentials", false),
        entryNull("anonymous"),
        Map.entry("key_in_header", true),
        Map.entry("key_in_query", true),
        Map.entry("key_in_body", false),
        Map.entry("key_in_bearer", true),
        Map.entry("run_on_preflight", true),
        entryNull("realm"));
  }

  private static KeyAuthConfig bind(Row row) {
    return ConfigBinder.of("key-auth", KeyAuthConfig.class, KeyAuthConfig.SCHEMA).bind(row);
  }

  private static Map.Entry<String, Object> entryNull(String key) {
    return new java.util.AbstractMap.SimpleEntry<>(key, null);
  }

  @Test
  void typedConfigReadsEveryField() {
    Row row = gw.validatePlugin("key-auth", Map.of("key_names", List.of("x-key", "api_key"), "hide_credentials", true,
        "anonymous", "guest", "key_in_header", false, "key_in_query", false, "key_in_body", true,
        "key_in_bearer", false, "run_on_preflight", false, "realm", "llm"), Map.of()).record("config");
    KeyAuthConfig c = bind(row);
    assertThat(c).isEqualTo(new KeyAuthConfig(List.of("x-key", "api_key"), true, "guest", false, false, true, false,
        false, "llm"));
    assertThat(c.wwwAuthenticate()).isEqualTo("Key realm=\"llm\"");
    assertThat(bind(gw.validatePlugin("key-auth", null, Map.of()).record("config")).wwwAuthenticate())
        .isEqualTo("Key");
  }

  @Test
  void keyNamesMustBeHeaderNames() {
    assertThatThrownBy(() -> gw.validatePlugin("key-auth", Map.of("key_names", List.of("ok", "bad name")), Map.of()))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> {
          assertThat(e.getMessage()).startsWith("schema violation (config.key_names: ")
              .contains("[2] = \"bad header name 'bad name', allowed characters are A-Z, a-z, 0-9, '_', and '-'\"");
          assertThat(e.toJson().get("fields"))
              .isEqualTo(Map.of("config", Map.of("key_names", java.util.Arrays.asList(null,
                  "bad header name 'bad name', allowed characters are A-Z, a-z, 0-9, '_', and '-'"))));
        });
  }

  @Test
  void fieldTypesAreChecked() {
    assertThatThrownBy(() -> gw.validatePlugin("key-auth", Map.of("hide_credentials", "yes"), Map.of()))
        .hasMessage("schema violation (config.hide_credentials: expected a boolean)");
    assertThatThrownBy(() -> gw.validatePlugin("key-auth", Map.of("key_names", "apikey"), Map.of()))
        .hasMessage("schema violation (config.key_names: expected an array)");
    assertThatThrownBy(() -> gw.validatePlugin("key-auth", Map.of("realm", 5L), Map.of()))
        .hasMessage("schema violation (config.realm: expected a string)");
    assertThatThrownBy(() -> gw.validatePlugin("key-auth", Map.of("nope", true), Map.of()))
        .hasMessage("schema violation (config.nope: unknown field)");
  }

  @Test
  void cannotBeScopedToAConsumer() {
    gw.consumer("alice");
    assertThatThrownBy(() -> gw.validatePlugin("key-auth", null, Map.of("consumer", "alice")))
        .hasMessage("schema violation (consumer: value must be null)");
  }

  @Test
  void priorityAndEntityAreKongs() {
    KeyAuthType type = new KeyAuthType();
    assertThat(type.name()).isEqualTo("key-auth");
    assertThat(type.priority()).isEqualTo(1250);
    assertThat(type.allowsConsumerScope()).isFalse();
    EntityType t = KeyAuthCredential.TYPE;
    assertThat(type.entityTypes()).containsExactly(t);
    assertThat(t.name()).isEqualTo("keyauth_credentials");
    assertThat(t.adminPath()).isEqualTo("key-auths");
    assertThat(t.endpointKey()).isEqualTo("key");
    assertThat(t.nestedPaths()).isEqualTo(Map.of("consumers", "key-auth"));
    assertThat(t.foreignKey("consumer").cascade()).isTrue();
    assertThat(t.uniqueFields()).containsExactly("key");
    assertThat(t.timestamps()).isEqualTo(EntityType.Timestamps.CREATED_ONLY);
    assertThat(t.schema().fields()).extracting(f -> f.name())
        .containsExactly("id", "created_at", "consumer", "key", "ttl", "tags");
    assertThat(gw.registry().entityTypes().byAdminPath("key-auths")).isSameAs(t);
  }

  @Test
  void credentialNeedsAConsumerAndGeneratesAKey() {
    assertThatThrownBy(() -> KeyAuthCredential.SCHEMA.validate(Map.of("key", "k")))
        .hasMessage("schema violation (consumer: required field missing)");
    Map<String, Object> input = Map.of("consumer", Map.of("id", UUID.randomUUID().toString()));
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String key = KeyAuthCredential.SCHEMA.validate(input).string("key");
      assertThat(key).matches("[A-Za-z0-9]{32}");
      keys.add(key);
    }
    assertThat(keys).hasSize(50);
    assertThat(KeyAuthCredential.SCHEMA.field("key").isAuto()).isTrue();
  }

  @Test
  void givenKeyIsKeptAndTtlIsBounded() {
    String consumer = UUID.randomUUID().toString();
    assertThat(KeyAuthCredential.SCHEMA.validate(Map.of("consumer", Map.of("id", consumer), "key", "my-key"))
        .string("key")).isEqualTo("my-key");
    assertThatThrownBy(() -> KeyAuthCredential.SCHEMA.validate(Map.of("consumer", Map.of("id", consumer), "key", "")))
        .hasMessage("schema violation (key: length must be at least 1)");
    assertThatThrownBy(() -> KeyAuthCredential.SCHEMA.validate(
        Map.of("consumer", Map.of("id", consumer), "ttl", -1L)))
        .hasMessage("schema violation (ttl: value should be between 0 and 100000000)");
  }

  @Test
  void expiryFollowsTtlFromCreation() {
    KeyAuthCredential c = new KeyAuthCredential(UUID.randomUUID(), UUID.randomUUID(), "k", 1000L, 10L);
    assertThat(c.expiredAt(1009)).isFalse();
    assertThat(c.expiredAt(1010)).isTrue();
    assertThat(new KeyAuthCredential(UUID.randomUUID(), UUID.randomUUID(), "k", 1000L, null).expiredAt(9_999_999))
        .isFalse();
    assertThat(c.toString()).doesNotContain("k]").doesNotContain("key=");
  }
}
