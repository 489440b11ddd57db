package dev.llmgateway.entity;

import static dev.llmgateway.entity.Kong.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamSchemaTest {
  private static String bad(String json) {
    return Kong.body(Upstream.SCHEMA, json);
  }

  @Test
  void minimalInputEchoesEveryFieldWithHealthcheckDefaults() {
    assertThat(Kong.echo(Upstream.SCHEMA, "{\"name\":\"example_upstream\"}")).isEqualTo("{\"id\":null,"
        + "\"created_at\":null,\"updated_at\":null,\"name\":\"example_upstream\",\"algorithm\":\"round-robin\","
        + "\"hash_on\":\"none\",\"hash_fallback\":\"none\",\"hash_on_header\":null,\"hash_fallback_header\":null,"
        + "\"hash_on_cookie\":null,\"hash_on_cookie_path\":\"/\",\"hash_on_query_arg\":null,"
        + "\"hash_fallback_query_arg\":null,\"hash_on_uri_capture\":null,\"hash_fallback_uri_capture\":null,"
        + "\"slots\":10000,\"healthchecks\":{\"active\":{\"type\":\"http\",\"timeout\":1,\"concurrency\":10,"
        + "\"http_path\":\"/\",\"https_sni\":null,\"https_verify_certificate\":true,\"headers\":null,"
        + "\"healthy\":{\"interval\":0,\"http_statuses\":[200,302],\"successes\":0},"
        + "\"unhealthy\":{\"interval\":0,\"http_statuses\":[429,404,500,501,502,503,504,505],\"tcp_failures\":0,"
        + "\"timeouts\":0,\"http_failures\":0}},\"passive\":{\"type\":\"http\",\"healthy\":{\"http_statuses\":"
        + "[200,201,202,203,204,205,206,207,208,226,300,301,302,303,304,305,306,307,308],\"successes\":0},"
        + "\"unhealthy\":{\"http_statuses\":[429,500,503],\"tcp_failures\":0,\"timeouts\":0,\"http_failures\":0}},"
        + "\"threshold\":0},\"tags\":null,\"host_header\":null,\"client_certificate\":null,\"use_srv_name\":false}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1234|Invalid name ('1234'); must be a valid hostname",
      "fafa fafa|Invalid name ('fafa fafa'); must be a valid hostname",
      "192.168.0.1|Invalid name ('192.168.0.1'); no ip addresses allowed",
      "myserver:8000|Invalid name ('myserver:8000'); no port allowed"})
  void nameMustBeAHostname(String name, String error) {
    assertThat(bad("{\"name\":\"" + name + "\"}")).isEqualTo(
        expected("{\"name\":" + Json.write(error) + "}", "name: " + error));
  }

  @Test
  void nestedHealthcheckErrorsNestInFieldsAndPrintAsLuaTables() {
    assertThat(bad("{\"name\":\"u\",\"healthchecks\":{\"active\":{\"concurrency\":-1,\"http_path\":\"x\"}},"
        + "\"host_header\":123}")).isEqualTo(expected(
        "{\"healthchecks\":{\"active\":{\"concurrency\":\"value should be between 1 and 2147483648\","
            + "\"http_path\":\"should start with: /\"}},\"host_header\":\"expected a string\"}",
        "healthchecks.active: {\n  concurrency = \"value should be between 1 and 2147483648\",\n"
            + "  http_path = \"should start with: /\"\n}",
        "host_header: expected a string"));
    assertThat(bad("{\"name\":\"u\",\"healthchecks\":{\"threshold\":101}}")).isEqualTo(expected(
        "{\"healthchecks\":{\"threshold\":\"value should be between 0 and 100\"}}",
        "healthchecks.threshold: value should be between 0 and 100"));
    assertThat(bad("{\"name\":\"u\",\"healthchecks\":{\"active\":{\"healthy\":{\"http_statuses\":[200,99]}}}}"))
        .isEqualTo(expected("{\"healthchecks\":{\"active\":{\"healthy\":{\"http_statuses\":[null,"
            + "\"value should be between 100 and 999\"]}}}}", "healthchecks.active: {\n  healthy = {\n"
            + "    http_statuses = {\n      [2] = \"value should be between 100 and 999\"\n    }\n  }\n}"));
    assertThat(bad("{\"name\":\"u\",\"healthchecks\":null}")).isEqualTo(
        expected("{\"healthchecks\":\"required field missing\"}", "healthchecks: required field missing"));
  }

  @Test
  void partialHealthchecksAreCompletedWithDefaults() {
    String json = Kong.echo(Upstream.SCHEMA, "{\"name\":\"u\",\"healthchecks\":{\"active\":{\"timeout\":2.5,"
        + "\"healthy\":{\"interval\":5}}}}");
    assertThat(json).contains("\"active\":{\"type\":\"http\",\"timeout\":2.5,\"concurrency\":10")
        .contains("\"healthy\":{\"interval\":5,\"http_statuses\":[200,302],\"successes\":0}")
        .contains("\"passive\":{\"type\":\"http\"");
  }

  @Test
  void hashingOnAHeaderNeedsTheHeader() {
    String conditional = "failed conditional validation given value of field 'hash_on'";
    assertThat(bad("{\"name\":\"u\",\"hash_on\":\"header\"}")).isEqualTo(expected(
        "{\"@entity\":[\"" + conditional + "\"],\"hash_on_header\":\"required field missing\"}",
        conditional, "hash_on_header: required field missing"));
    assertThat(Kong.valid(Upstream.SCHEMA, "{\"name\":\"u\",\"hash_on\":\"header\",\"hash_on_header\":\"X-User\"}")
        .get("algorithm")).isEqualTo("consistent-hashing");
    assertThat(bad("{\"name\":\"u\",\"hash_fallback\":\"ip\"}")).isEqualTo(expected(
        "{\"@entity\":[\"" + conditional + "\"],\"hash_fallback\":\"expected one of: none\"}",
        conditional, "hash_fallback: expected one of: none"));
    assertThat(bad("{\"name\":\"u\",\"hash_on\":\"header\",\"hash_on_header\":\"a\",\"hash_fallback\":\"header\","
        + "\"hash_fallback_header\":\"a\"}")).isEqualTo(expected(
        "{\"@entity\":[\"values of these fields must be distinct: 'hash_on_header', 'hash_fallback_header'\"]}",
        "values of these fields must be distinct: 'hash_on_header', 'hash_fallback_header'"));
  }

  @Test
  void slotsAndAlgorithm() {
    assertThat(bad("{\"name\":\"u\",\"slots\":9,\"algorithm\":\"random\"}")).isEqualTo(expected(
        "{\"algorithm\":\"expected one of: consistent-hashing, least-connections, round-robin, latency, least-load\","
            + "\"slots\":\"value should be between 10 and 65536\"}",
        "algorithm: expected one of: consistent-hashing, least-connections, round-robin, latency, least-load",
        "slots: value should be between 10 and 65536"));
  }
}
