package dev.llmgateway.entity;

import static dev.llmgateway.entity.Kong.body;
import static dev.llmgateway.entity.Kong.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Row;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The write-only {@code url} shorthand, as Kong's services.lua maps LuaSocket's parse of it. */
class ServiceUrlTest {
  private static Row url(String url) {
    return Kong.valid(Service.SCHEMA, "{\"url\":" + Json.write(url) + "}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      // Kong's spec-pinned cases: an explicit port wins over the scheme's, a missing path is null
      "http://example.test:443|http|example.test|443|NULL",
      "https://example2.test:80/|https|example2.test|80|/",
      "http://example.test|http|example.test|80|NULL",
      "http://example.test/|http|example.test|80|/",
      "https://example.test/v1/chat?x=1#frag|https|example.test|443|/v1/chat",
      "http://user:pw@example.test:8080/a;params|http|example.test|8080|/a",
      "http://[::1]:8000/x|http|::1|8000|/x",
      "grpcs://g.test|grpcs|g.test|80|NULL"})
  void shorthandSetsProtocolHostPortPath(String url, String protocol, String host, long port, String path) {
    Map<String, Object> row = url(url).asMap();
    assertThat(row).containsEntry("protocol", protocol).containsEntry("host", host).containsEntry("port", port)
        .containsEntry("path", path).doesNotContainKey("url");
  }

  @Test
  void shorthandOverridesExplicitFieldsAndIsNeverEchoed() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("url", "http://a.test");
    in.put("path", "/kept?");
    in.put("port", 1234L);
    Row row = Service.SCHEMA.validate(in);
    assertThat(row.asMap()).containsEntry("path", null).containsEntry("port", 80L).doesNotContainKey("url");
    assertThat(Service.TYPE.expandShorthands(in)).containsEntry("host", "a.test").doesNotContainKey("url");
  }

  @Test
  void emptyOrNonStringUrlIsRefusedAlone() {
    assertThat(body(Service.SCHEMA, "{\"url\":\"\",\"port\":\"x\"}")).isEqualTo(
        expected("{\"url\":\"length must be at least 1\"}", "url: length must be at least 1"));
    assertThat(body(Service.SCHEMA, "{\"url\":42}")).isEqualTo(
        expected("{\"url\":\"expected a string\"}", "url: expected a string"));
  }

  @Test
  void blankUrlHasNoHostAndABadPath() {
    assertThat(body(Service.SCHEMA, "{\"url\":\" \"}")).isEqualTo(expected(
        "{\"host\":\"required field missing\",\"path\":\"should start with: /\"}",
        "host: required field missing", "path: should start with: /"));
  }

  @Test
  void urlsWithoutAHostFailOnHost() {
    assertThat(body(Service.SCHEMA, "{\"url\":\"http://\"}")).isEqualTo(
        expected("{\"host\":\"required field missing\"}", "host: required field missing"));
    assertThat(body(Service.SCHEMA, "{\"url\":\"not a url\"}")).isEqualTo(expected(
        "{\"host\":\"required field missing\",\"path\":\"should start with: /\"}",
        "host: required field missing", "path: should start with: /"));
    assertThat(body(Service.SCHEMA, "{\"url\":\"ftp-ish\"}")).isEqualTo(expected(
        "{\"host\":\"required field missing\",\"path\":\"should start with: /\"}",
        "host: required field missing", "path: should start with: /"));
  }

  @Test
  void badSchemeAndPortFailOnTheirFields() {
    assertThat(body(Service.SCHEMA, "{\"url\":\"http://host.test:99999\"}")).isEqualTo(expected(
        "{\"port\":\"value should be between 0 and 65535\"}", "port: value should be between 0 and 65535"));
    assertThat(body(Service.SCHEMA, "{\"url\":\"http://host.test:abc/\"}")).isEqualTo(
        expected("{\"port\":\"expected an integer\"}", "port: expected an integer"));
    assertThat(body(Service.SCHEMA, "{\"url\":\"ftp://host.test\"}")).isEqualTo(expected(
        "{\"protocol\":\"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp\"}",
        "protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"));
    assertThat(body(Service.SCHEMA, "{\"url\":\"http://exa mple.test\"}")).isEqualTo(expected(
        "{\"host\":\"invalid value: exa mple.test\"}", "host: invalid value: exa mple.test"));
  }

  @Test
  void nullUrlIsIgnored() {
    assertThat(body(Service.SCHEMA, "{\"url\":null}")).isEqualTo(
        expected("{\"host\":\"required field missing\"}", "host: required field missing"));
  }
}
