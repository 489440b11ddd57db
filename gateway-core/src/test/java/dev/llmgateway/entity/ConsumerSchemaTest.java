package dev.llmgateway.entity;

import static dev.llmgateway.entity.Kong.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSchemaTest {
  private static final String AT_LEAST = "at least one of these fields must be non-empty: 'custom_id', 'username'";

  @Test
  void minimalInputEchoesEveryField() {
    assertThat(Kong.echo(Consumer.SCHEMA, "{\"username\":\"luka\"}")).isEqualTo("{\"id\":null,\"created_at\":null,"
        + "\"updated_at\":null,\"username\":\"luka\",\"custom_id\":null,\"tags\":null}");
  }

  @Test
  void usernameHasNoCharacterRestriction() {
    assertThat(Kong.valid(Consumer.SCHEMA, "{\"username\":\"Luka Dončić / 77\"}").get("username"))
        .isEqualTo("Luka Dončić / 77");
  }

  @Test
  void needsAUsernameOrACustomId() {
    assertThat(Kong.body(Consumer.SCHEMA, "{}")).isEqualTo(
        expected("{\"@entity\":[\"" + AT_LEAST + "\"]}", AT_LEAST));
    assertThat(Kong.body(Consumer.SCHEMA, "{\"username\":null,\"tags\":[\"t\"]}")).isEqualTo(
        expected("{\"@entity\":[\"" + AT_LEAST + "\"]}", AT_LEAST));
  }

  @Test
  void theCheckStillRunsWhenAFieldIsInvalidAndComesFirst() {
    assertThat(Kong.body(Consumer.SCHEMA, "{\"username\":\"\"}")).isEqualTo(expected(
        "{\"@entity\":[\"" + AT_LEAST + "\"],\"username\":\"length must be at least 1\"}",
        AT_LEAST, "username: length must be at least 1"));
  }

  @Test
  void patchSaysWhenUpdating() {
    Row existing = Kong.valid(Consumer.SCHEMA, "{\"id\":\"" + Kong.ID + "\",\"username\":\"bob\"}");
    java.util.Map<String, Object> patch = new java.util.HashMap<>();
    patch.put("username", null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Consumer.SCHEMA.merge(existing, patch))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.getMessage()).isEqualTo(
            "schema violation (when updating, " + AT_LEAST + ")"));
    assertThat(Consumer.SCHEMA.merge(existing, Map.of("custom_id", "c-1")).asMap())
        .containsEntry("username", "bob").containsEntry("custom_id", "c-1").containsEntry("id", Kong.ID);
  }
}
