package dev.llmgateway.entity;

import static dev.llmgateway.entity.Kong.body;
import static dev.llmgateway.entity.Kong.echo;
import static dev.llmgateway.entity.Kong.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Row;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceSchemaTest {
  private static final String S = Service.SCHEMA.name();

  private static String bad(String json) {
    return body(Service.SCHEMA, json);
  }

  @Test
  void minimalInputEchoesEveryFieldWithKongsDefaults() {
    assertThat(echo(Service.SCHEMA, "{\"id\":\"" + Kong.ID + "\",\"created_at\":1700000000,"
        + "\"updated_at\":1700000000,\"host\":\"example.test\"}")).isEqualTo("{\"id\":\"" + Kong.ID + "\","
        + "\"created_at\":1700000000,\"updated_at\":1700000000,\"name\":null,\"retries\":5,\"protocol\":\"http\","
        + "\"host\":\"example.test\",\"port\":80,\"path\":null,\"connect_timeout\":60000,\"write_timeout\":60000,"
        + "\"read_timeout\":60000,\"tags\":null,\"client_certificate\":null,\"tls_verify\":null,"
        + "\"tls_verify_depth\":null,\"ca_certificates\":null,\"enabled\":true}");
    assertThat(S).isEqualTo("services");
  }

  @Test
  void httpsProtocolKeepsPort80UnlessTheUrlSaysOtherwise() {
    assertThat(Kong.valid(Service.SCHEMA, "{\"host\":\"x.test\",\"protocol\":\"https\"}").get("port")).isEqualTo(80L);
  }

  @Test
  void missingHost() {
    assertThat(bad("{\"name\":\"svc\"}")).isEqualTo(
        expected("{\"host\":\"required field missing\"}", "host: required field missing"));
  }

  @Test
  void nameCharset() {
    assertThat(bad("{\"host\":\"x.test\",\"name\":\"my svc\"}")).isEqualTo(expected(
        "{\"name\":\"invalid value 'my svc': the only accepted ascii characters are alphanumerics or ., -, _, and ~\"}",
        "name: invalid value 'my svc': the only accepted ascii characters are alphanumerics or ., -, _, and ~"));
    assertThat(echo(Service.SCHEMA, "{\"host\":\"x.test\",\"name\":\"ex_a.m-p~l\\u00e9\"}"))
        .contains("\"name\":\"ex_a.m-p~l\u00e9\"");
    assertThat(bad("{\"host\":\"x.test\",\"name\":\"\"}")).isEqualTo(
        expected("{\"name\":\"length must be at least 1\"}", "name: length must be at least 1"));
  }

  @Test
  void tagsAreASetOfPrintableStrings() {
    Row row = Kong.valid(Service.SCHEMA, "{\"host\":\"x.test\",\"tags\":[\"a b\",\"a b\",\"c\"]}");
    assertThat(row.get("tags")).isEqualTo(java.util.List.of("a b", "c"));
    assertThat(bad("{\"host\":\"x.test\",\"tags\":[\"ok\",\"ok\",\"a,b\",\"c/d\"]}")).isEqualTo(expected(
        "{\"tags\":[null,\"invalid tag 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences\","
            + "\"invalid tag 'c/d': expected printable ascii (except `,` and `/`) or valid utf-8 sequences\"]}",
        "tags.2: invalid tag 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences",
        "tags.3: invalid tag 'c/d': expected printable ascii (except `,` and `/`) or valid utf-8 sequences"));
    assertThat(bad("{\"host\":\"x.test\",\"tags\":\"a\"}")).isEqualTo(
        expected("{\"tags\":\"expected a set\"}", "tags: expected a set"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "example.test:80|must not have a port",
      "10.0.0.1:8080|must not have a port",
      "example.test:99999|must not have a port",
      "exa mple.test|invalid value: exa mple.test",
      "bad-.example|invalid value: bad-.example",
      "300.1.1.1|invalid value: 300.1.1.1"})
  void hostMustBeAHostOrIpWithoutPort(String host, String error) {
    assertThat(bad("{\"host\":\"" + host + "\"}")).isEqualTo(
        expected("{\"host\":" + Json.write(error) + "}", "host: " + error));
  }

  @Test
  void hostAcceptsNamesAndAddresses() {
    for (String host : new String[] {"example.test", "10.0.0.1", "::1", "localhost", "a_b.example."}) {
      assertThat(Kong.valid(Service.SCHEMA, "{\"host\":\"" + host + "\"}").get("host")).isEqualTo(host);
    }
  }

  @Test
  void portRangeAndType() {
    assertThat(bad("{\"host\":\"x.test\",\"port\":65536}")).isEqualTo(expected(
        "{\"port\":\"value should be between 0 and 65535\"}", "port: value should be between 0 and 65535"));
    assertThat(bad("{\"host\":\"x.test\",\"port\":\"80\"}")).isEqualTo(
        expected("{\"port\":\"expected an integer\"}", "port: expected an integer"));
    assertThat(bad("{\"host\":\"x.test\",\"port\":80.5}")).isEqualTo(
        expected("{\"port\":\"expected an integer\"}", "port: expected an integer"));
    assertThat(Kong.valid(Service.SCHEMA, "{\"host\":\"x.test\",\"port\":8080.0}").get("port")).isEqualTo(8080L);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v1|should start with: /",
      "/a//b|must not have empty segments",
      "/a b|invalid path: '/a b' (characters outside of the reserved list of RFC 3986 found)",
      "/a%zz|invalid url-encoded value: '%zz'",
      "/a%2|invalid url-encoded value: '%2'",
      "/%41%2|invalid url-encoded value: '%2'"})
  void pathRules(String path, String error) {
    assertThat(bad("{\"host\":\"x.test\",\"path\":\"" + path + "\"}")).isEqualTo(
        expected("{\"path\":" + Json.write(error) + "}", "path: " + error));
  }

  @Test
  void timeoutsRange() {
    assertThat(bad("{\"host\":\"x.test\",\"connect_timeout\":0,\"read_timeout\":2147483647}")).isEqualTo(expected(
        "{\"connect_timeout\":\"value should be between 1 and 2147483646\","
            + "\"read_timeout\":\"value should be between 1 and 2147483646\"}",
        "connect_timeout: value should be between 1 and 2147483646",
        "read_timeout: value should be between 1 and 2147483646"));
  }

  @Test
  void protocolOneOf() {
    assertThat(bad("{\"host\":\"x.test\",\"protocol\":\"ftp\"}")).isEqualTo(expected(
        "{\"protocol\":\"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp\"}",
        "protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"));
    assertThat(bad("{\"host\":\"x.test\",\"protocol\":null}")).isEqualTo(
        expected("{\"protocol\":\"required field missing\"}", "protocol: required field missing"));
  }

  @Test
  void streamProtocolRefusesAPathWithKongsConditionalError() {
    assertThat(bad("{\"host\":\"x.test\",\"protocol\":\"tcp\",\"path\":\"/path\"}")).isEqualTo(expected(
        "{\"@entity\":[\"failed conditional validation given value of field 'protocol'\"],"
            + "\"path\":\"value must be null\"}",
        "failed conditional validation given value of field 'protocol'", "path: value must be null"));
  }

  @Test
  void tlsSettingsOnlyForHttpsOrTls() {
    assertThat(bad("{\"host\":\"x.test\",\"tls_verify\":true,\"ca_certificates\":[\"" + Kong.ID + "\"]}"))
        .isEqualTo(expected("{\"@entity\":[\"failed conditional validation given value of field 'protocol'\","
                + "\"failed conditional validation given value of field 'protocol'\"],"
                + "\"ca_certificates\":\"value must be null\",\"tls_verify\":\"value must be null\"}",
            "failed conditional validation given value of field 'protocol'",
            "failed conditional validation given value of field 'protocol'",
            "ca_certificates: value must be null", "tls_verify: value must be null"));
    assertThat(Kong.valid(Service.SCHEMA, "{\"host\":\"x.test\",\"protocol\":\"https\",\"tls_verify\":true,"
        + "\"tls_verify_depth\":3}").get("tls_verify_depth")).isEqualTo(3L);
  }

  @Test
  void severalErrorsAreCountedAndSortedWithUnknownFields() {
    assertThat(bad("{\"host\":\"example.test\",\"port\":\"80\",\"retries\":99999,\"foo\":1}")).isEqualTo(expected(
        "{\"foo\":\"unknown field\",\"port\":\"expected an integer\","
            + "\"retries\":\"value should be between 0 and 32767\"}",
        "foo: unknown field", "port: expected an integer", "retries: value should be between 0 and 32767"));
  }

  @Test
  void explicitNullIsKeptForANullableFieldWithADefault() {
    Row row = Kong.valid(Service.SCHEMA, "{\"id\":\"" + Kong.ID + "\",\"host\":\"x.test\",\"retries\":null}");
    assertThat(row.asMap()).containsEntry("retries", null);
    assertThat(Service.of(row).retries()).isEqualTo(5);
  }

  @Test
  void typedViewReadsTheRow() {
    Service s = Service.of(Kong.valid(Service.SCHEMA, "{\"id\":\"" + Kong.ID + "\",\"url\":\"https://x.test/v1\"}"));
    assertThat(s.host()).isEqualTo("x.test");
    assertThat(s.port()).isEqualTo(443);
    assertThat(s.path()).isEqualTo("/v1");
    assertThat(s.isTls()).isTrue();
    assertThat(s.enabled()).isTrue();
    assertThat(Map.of("k", s.readTimeout())).containsEntry("k", 60000);
  }
}
