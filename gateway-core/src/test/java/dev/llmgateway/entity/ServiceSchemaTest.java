package dev.llmgateway.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.json.Json;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSchemaTest {
  private static Row validate(Map<String, Object> input) {
    return Service.SCHEMA.validate(Service.TYPE.expandShorthands(input));
  }

  @Test
  void defaultsAreFilledIn() {
    Row row = validate(Map.of("host", "example.test"));
    assertThat(row.asMap()).containsEntry("retries", 5L).containsEntry("protocol", "http")
        .containsEntry("port", 80L).containsEntry("connect_timeout", 60000L).containsEntry("enabled", true)
        .containsEntry("path", null).containsEntry("tls_verify", null);
  }

  @Test
  void urlShorthandSetsProtocolHostPortPath() {
    assertThat(validate(Map.of("url", "http://example.test:443")).asMap())
        .containsEntry("protocol", "http").containsEntry("port", 443L).containsEntry("path", null);
    assertThat(validate(Map.of("url", "https://example2.test:80/")).asMap())
        .containsEntry("protocol", "https").containsEntry("port", 80L).containsEntry("path", "/");
    assertThat(validate(Map.of("url", "https://x.test/v1")).asMap())
        .containsEntry("port", 443L).containsEntry("host", "x.test").containsEntry("path", "/v1");
  }

  @Test
  void missingHostIsKongsSchemaViolation() {
    assertThatThrownBy(() -> validate(Map.of("name", "svc")))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(Json.write(e.toJson())).isEqualTo(
            "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (host: required field missing)\","
                + "\"fields\":{\"host\":\"required field missing\"}}"));
  }

  @Test
  void severalErrorsAreCountedAndSorted() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("host", "example.test");
    in.put("port", "80");
    in.put("retries", 99999L);
    in.put("foo", 1L);
    assertThatThrownBy(() -> validate(in)).isInstanceOfSatisfying(SchemaViolation.class, e ->
        assertThat(e.getMessage()).isEqualTo("3 schema violations (foo: unknown field; port: expected an integer; "
            + "retries: value should be between 0 and 32767)"));
  }
}
