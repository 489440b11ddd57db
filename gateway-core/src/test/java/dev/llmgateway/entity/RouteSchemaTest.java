package dev.llmgateway.entity;

import static dev.llmgateway.entity.Kong.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.route.PathNormalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteSchemaTest {
  private static final String MUST_SET_HTTPS =
      "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'";

  private static String bad(String json) {
    return Kong.body(Route.SCHEMA, json);
  }

  private static String fieldError(String field, String error) {
    return expected("{\"" + field + "\":" + Json.write(error) + "}", field + ": " + error);
  }

  @Test
  void minimalInputEchoesEveryFieldWithKongsDefaults() {
    assertThat(Kong.echo(Route.SCHEMA, "{\"id\":\"" + Kong.ID + "\",\"paths\":[\"/x\"]}")).isEqualTo("{\"id\":\""
        + Kong.ID + "\",\"created_at\":null,\"updated_at\":null,\"name\":null,\"protocols\":[\"http\",\"https\"],"
        + "\"methods\":null,\"hosts\":null,\"paths\":[\"/x\"],\"headers\":null,\"https_redirect_status_code\":426,"
        + "\"regex_priority\":0,\"strip_path\":true,\"path_handling\":\"v0\",\"preserve_host\":false,"
        + "\"request_buffering\":true,\"response_buffering\":true,\"snis\":null,\"sources\":null,"
        + "\"destinations\":null,\"tags\":null,\"service\":null}");
  }

  @Test
  void aRouteNeedsAMatcherAndDefaultProtocolsAskForTheHttpsVariant() {
    assertThat(bad("{}")).isEqualTo(expected("{\"@entity\":[" + Json.write(MUST_SET_HTTPS) + "]}", MUST_SET_HTTPS));
    String http = "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'";
    assertThat(bad("{\"protocols\":[\"http\"],\"service\":{\"id\":\"" + Kong.ID + "\"}}"))
        .isEqualTo(expected("{\"@entity\":[" + Json.write(http) + "]}", http));
    assertThat(Kong.valid(Route.SCHEMA, "{\"protocols\":[\"https\"],\"snis\":[\"a.test\"]}").get("snis"))
        .isEqualTo(List.of("a.test"));
    assertThat(bad("{\"paths\":[],\"hosts\":[],\"headers\":{}}")).contains(MUST_SET_HTTPS);
  }

  @Test
  void headersMayNotNameHost() {
    assertThat(bad("{\"headers\":{\"Host\":[\"a.test\"]}}")).isEqualTo(fieldError("headers",
        "cannot contain 'host' header, which must be specified in the 'hosts' attribute"));
    assertThat(bad("{\"headers\":{\"bad name\":[\"x\"]}}")).isEqualTo(fieldError("headers",
        "bad header name 'bad name', allowed characters are A-Z, a-z, 0-9, '_', and '-'"));
    assertThat(bad("{\"headers\":{\"x-v\":[\"\"]}}")).isEqualTo(
        expected("{\"headers\":[\"length must be at least 1\"]}", "headers.1: length must be at least 1"));
    assertThat(Kong.valid(Route.SCHEMA, "{\"headers\":{\"x-version\":[\"v1\",\"~*v2\"]}}").get("headers"))
        .isEqualTo(Map.of("x-version", List.of("v1", "~*v2")));
  }

  @Test
  void aRegexHeaderValueMustCompileAndRegexPriorityIsAnyInteger() {
    assertThat(bad("{\"headers\":{\"x-v\":[\"ok\",\"~*(\"]}}")).contains("invalid regex: '(' (PCRE returned: ")
        .startsWith("{\"code\":2,").doesNotContain("Unclosed group near index");
    var route = Kong.valid(Route.SCHEMA, "{\"paths\":[\"/x\"],\"regex_priority\":2147483648}");
    assertThat(route.get("regex_priority")).isEqualTo(2147483648L);
  }

  @Test
  void pathElementErrorsAreListedWithNullsAndNamedOneBased() {
    assertThat(bad("{\"paths\":[\"/ok\",\"foo\",\"/a//b\"]}")).isEqualTo(expected(
        "{\"paths\":[null,\"should start with: / (fixed path) or ~/ (regex path)\",\"must not have empty segments\"]}",
        "paths.2: should start with: / (fixed path) or ~/ (regex path)", "paths.3: must not have empty segments"));
    assertThat(bad("{\"paths\":[\"/a%zz\"]}")).isEqualTo(
        expected("{\"paths\":[\"invalid url-encoded value: '%zz'\"]}", "paths.1: invalid url-encoded value: '%zz'"));
  }

  @Test
  void regexPathsMustCompile() {
    assertThat(Kong.valid(Route.SCHEMA, "{\"paths\":[\"~/v1/(?<model>[a-z]+)$\"]}").get("paths"))
        .isEqualTo(List.of("~/v1/(?<model>[a-z]+)$"));
    assertThat(bad("{\"paths\":[\"~/foo(\"]}")).startsWith(
        "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (paths.1: invalid regex: '/foo(' "
            + "(PCRE returned: ");
  }

  @Test
  void prefixPathsMustBeNormalized() {
    String path = "/a/./b/../c";
    String normalized = PathNormalizer.normalize(path);
    if (normalized.equals(path)) {
      assertThat(Kong.valid(Route.SCHEMA, "{\"paths\":[\"" + path + "\"]}")).isNotNull();
    } else {
      assertThat(bad("{\"paths\":[\"" + path + "\"]}")).contains("non-normalized path, consider use '" + normalized
          + "' instead");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a.*.b|invalid wildcard: must be placed at leftmost or rightmost label",
      "*|invalid wildcard: must be placed at leftmost or rightmost label",
      "*.a.*|invalid wildcard: must have at most one wildcard",
      "x.test:99999|invalid port number",
      "bad host|invalid hostname: bad host"})
  void hostRules(String host, String error) {
    assertThat(bad("{\"hosts\":[\"" + host + "\"]}")).isEqualTo(
        expected("{\"hosts\":[" + Json.write(error) + "]}", "hosts.1: " + error));
  }

  @Test
  void hostsAcceptWildcardsPortsAndAddresses() {
    List<String> hosts = List.of("*.example.test", "example.*", "api.test:8443", "10.0.0.1", "[::1]:80");
    assertThat(Kong.valid(Route.SCHEMA, "{\"hosts\":" + Json.write(hosts) + "}").get("hosts")).isEqualTo(hosts);
  }

  @Test
  void methodsAreUppercaseAndDeduplicated() {
    assertThat(Kong.valid(Route.SCHEMA, "{\"methods\":[\"GET\",\"POST\",\"GET\"]}").get("methods"))
        .isEqualTo(List.of("GET", "POST"));
    assertThat(bad("{\"methods\":[\"get\"]}")).isEqualTo(
        expected("{\"methods\":[\"invalid value: get\"]}", "methods.1: invalid value: get"));
  }

  @Test
  void protocolsChooseTheSubschemaAndMayNotMixGroups() {
    assertThat(bad("{\"protocols\":[\"nope\"],\"paths\":[\"/\"]}")).isEqualTo(
        fieldError("protocols", "unknown type: nope"));
    assertThat(bad("{\"protocols\":[\"http\",\"tcp\"],\"paths\":[\"/\"]}")).isEqualTo(fieldError("protocols",
        "these sets are mutually exclusive: ('http', 'https'), ('tcp', 'tls', 'udp')"));
    assertThat(bad("{\"protocols\":[\"http\",\"nope\"],\"paths\":[\"/\"]}")).isEqualTo(expected(
        "{\"protocols\":[null,\"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp\"]}",
        "protocols.2: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"));
  }

  @Test
  void grpcRoutesDefaultStripPathToFalseAndRefuseTrue() {
    assertThat(Kong.valid(Route.SCHEMA, "{\"protocols\":[\"grpc\"],\"paths\":[\"/x\"]}").get("strip_path"))
        .isEqualTo(false);
    assertThat(bad("{\"protocols\":[\"grpc\"],\"paths\":[\"/x\"],\"strip_path\":true}"))
        .isEqualTo(fieldError("strip_path", "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'"));
    String grpcs = "must set one of 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'grpcs'";
    assertThat(bad("{\"protocols\":[\"grpcs\"]}")).isEqualTo(expected("{\"@entity\":[" + Json.write(grpcs) + "]}",
        grpcs));
  }

  @Test
  void streamRoutesNeedSourcesDestinationsOrSnisAndRefuseHttpMatchers() {
    String tcp = "must set one of 'sources', 'destinations', 'snis' when 'protocols' is 'tcp', 'tls' or 'udp'";
    assertThat(bad("{\"protocols\":[\"tcp\"]}")).isEqualTo(expected("{\"@entity\":[" + Json.write(tcp) + "]}", tcp));
    assertThat(bad("{\"protocols\":[\"tcp\"],\"paths\":[\"/x\"],\"sources\":[{\"ip\":\"10.0.0.0/8\"}]}"))
        .isEqualTo(fieldError("paths", "cannot set 'paths' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'"));
    assertThat(Kong.valid(Route.SCHEMA, "{\"protocols\":[\"tcp\"],\"destinations\":[{\"port\":9000}]}")).isNotNull();
  }

  @Test
  void recordElementErrorsNestAndPrintAsLuaTablesInTheMessage() {
    assertThat(bad("{\"protocols\":[\"tcp\"],\"sources\":[{\"ip\":\"10.0.0.1\"},{}]}")).isEqualTo(expected(
        "{\"sources\":[null,{\"@entity\":[\"at least one of these fields must be non-empty: 'ip', 'port'\"]}]}",
        "sources.2: {\n  [\"@entity\"] = {\n    \"at least one of these fields must be non-empty: 'ip', 'port'\"\n"
            + "  }\n}"));
    assertThat(bad("{\"protocols\":[\"tcp\"],\"sources\":[{\"ip\":\"10.0.0.300\"}]}")).isEqualTo(expected(
        "{\"sources\":[{\"ip\":\"invalid ip or cidr range: '10.0.0.300'\"}]}",
        "sources.1: {\n  ip = \"invalid ip or cidr range: '10.0.0.300'\"\n}"));
  }

  @Test
  void httpRoutesRefuseSourcesAndSnisNeedATlsProtocol() {
    assertThat(bad("{\"paths\":[\"/x\"],\"sources\":[{\"ip\":\"1.2.3.4\"}]}")).isEqualTo(
        fieldError("sources", "cannot set 'sources' when 'protocols' is 'http' or 'https'"));
    String snis = "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'";
    assertThat(bad("{\"protocols\":[\"http\"],\"paths\":[\"/x\"],\"snis\":[\"a.test\"]}")).isEqualTo(expected(
        "{\"@entity\":[" + Json.write(snis) + "],\"snis\":\"length must be 0\"}", snis, "snis: length must be 0"));
    assertThat(bad("{\"paths\":[\"/x\"],\"snis\":[\"10.0.0.1\"]}")).isEqualTo(
        expected("{\"snis\":[\"must not be an IP\"]}", "snis.1: must not be an IP"));
  }

  @Test
  void scalarFieldRules() {
    assertThat(bad("{\"paths\":[\"/\"],\"https_redirect_status_code\":300}")).isEqualTo(
        fieldError("https_redirect_status_code", "expected one of: 426, 301, 302, 307, 308"));
    assertThat(bad("{\"paths\":[\"/\"],\"path_handling\":\"v2\"}")).isEqualTo(
        fieldError("path_handling", "expected one of: v0, v1"));
    assertThat(bad("{\"paths\":[\"/\"],\"strip_path\":\"yes\"}")).isEqualTo(
        fieldError("strip_path", "expected a boolean"));
    assertThat(bad("{\"paths\":[\"/\"],\"service\":{\"id\":\"nope\"}}")).isEqualTo(
        expected("{\"service\":{\"id\":\"expected a valid UUID\"}}", "service.id: expected a valid UUID"));
    assertThat(bad("{\"paths\":[\"/\"],\"service\":\"svc\"}")).isEqualTo(
        expected("{\"service\":{\"id\":\"missing primary key\"}}", "service.id: missing primary key"));
  }

  @Test
  void typedViewFallsBackToDefaultsOnExplicitNulls() {
    Route r = Route.of(Kong.valid(Route.SCHEMA, "{\"id\":\"" + Kong.ID + "\",\"paths\":[\"/v1\"],"
        + "\"regex_priority\":null,\"path_handling\":null,\"service\":{\"id\":\"" + Kong.ID2 + "\",\"x\":1}}"));
    assertThat(r.regexPriority()).isZero();
    assertThat(r.pathHandling()).isEqualTo("v0");
    assertThat(r.serviceId()).hasToString(Kong.ID2);
    assertThat(r.methods()).isEmpty();
    assertThat(r.row().get("service")).hasToString("foreign{id=" + Kong.ID2 + "}");
  }
}
