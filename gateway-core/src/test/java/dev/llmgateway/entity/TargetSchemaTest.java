package dev.llmgateway.entity;

import static dev.llmgateway.entity.Kong.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetSchemaTest {
  private static final String UP = "\"upstream\":{\"id\":\"" + Kong.ID + "\"}";

  @Test
  void minimalInputEchoesEveryFieldWithPort8000() {
    assertThat(Kong.echo(Target.SCHEMA, "{" + UP + ",\"target\":\"10.0.0.1\",\"created_at\":1700000000.123}"))
        .isEqualTo("{\"id\":null,\"created_at\":1700000000.123,\"updated_at\":null,\"upstream\":{\"id\":\""
            + Kong.ID + "\"},\"target\":\"10.0.0.1:8000\",\"weight\":100,\"tags\":null}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10.0.0.1|10.0.0.1:8000",
      "010.000.000.001:80|10.0.0.1:80",
      "httpbun.com:80|httpbun.com:80",
      "Backend.Local|Backend.Local:8000",
      "::1|[0000:0000:0000:0000:0000:0000:0000:0001]:8000",
      "[::1]:9000|[0000:0000:0000:0000:0000:0000:0000:0001]:9000"})
  void targetsAreStoredAsHostPort(String target, String stored) {
    assertThat(Kong.valid(Target.SCHEMA, "{" + UP + ",\"target\":\"" + target + "\"}").get("target"))
        .isEqualTo(stored);
    assertThat(Target.TYPE.expandShorthands(Json.parseObject("{\"target\":\"" + target + "\"}")))
        .containsEntry("target", stored);
  }

  @Test
  void typedViewHasHostAndPort() {
    Target t = Target.of(Kong.valid(Target.SCHEMA, "{\"id\":\"" + Kong.ID2 + "\"," + UP + ",\"target\":\"a.test\"}"));
    assertThat(t.host()).isEqualTo("a.test");
    assertThat(t.port()).isEqualTo(8000);
    assertThat(t.weight()).isEqualTo(100);
    assertThat(t.upstreamId()).hasToString(Kong.ID);
  }

  @Test
  void invalidTargetsAndWeights() {
    assertThat(Kong.body(Target.SCHEMA, "{" + UP + ",\"target\":\"hostname:1.0\"}")).isEqualTo(expected(
        "{\"target\":\"Invalid target ('hostname:1.0'); not a valid hostname or ip address\"}",
        "target: Invalid target ('hostname:1.0'); not a valid hostname or ip address"));
    assertThat(Kong.body(Target.SCHEMA, "{" + UP + ",\"target\":\"a.test:99999\"}")).contains(
        "Invalid target ('a.test:99999'); not a valid hostname or ip address");
    assertThat(Kong.body(Target.SCHEMA, "{\"target\":\"a.test\",\"weight\":65536}")).isEqualTo(expected(
        "{\"upstream\":\"required field missing\",\"weight\":\"value should be between 0 and 65535\"}",
        "upstream: required field missing", "weight: value should be between 0 and 65535"));
  }
}
