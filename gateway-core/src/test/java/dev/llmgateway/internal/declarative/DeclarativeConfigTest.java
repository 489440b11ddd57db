package dev.llmgateway.internal.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.schema.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclarativeConfigTest {
  private static final PluginRegistry REGISTRY = TestPlugins.registry();
  private final DeclarativeConfig loader = new DeclarativeConfig(REGISTRY.entityTypes(), () -> 1_700_000_000_123L);

  static final String STACK = """
      _format_version: "3.0"
      _comment: the LLM stack
      services:
      - name: vllm-service
        url: http://vllm.test:8080
        read_timeout: 120000
        routes:
        - name: vllm-route
          paths: [/v1/vllm]
          plugins:
          - name: rate-limiting
            config: {minute: 60}
        plugins:
        - name: key-auth
      - name: admin-api-service
        url: http://127.0.0.1:8001
        _ignore: [anything]
      routes:
      - name: admin-api-route
        service: admin-api-service
        paths: [/admin-api]
      consumers:
      - username: admin
        keyauth_credentials:
        - key: secret-admin-key
      keyauth_credentials:
      - consumer: admin
        key: second-key
      upstreams:
      - name: llm-pool
        targets:
        - target: 10.0.0.1:8000
          weight: 50
        - target: 10.0.0.2
      plugins:
      - name: rate-limiting
        config: {hour: 1000, policy: local}
      """;

  private static Row byName(Configuration cfg, EntityType type, String field, String value) {
    return cfg.rows(type).stream().filter(r -> value.equals(r.get(field))).findFirst().orElseThrow();
  }

  @Test
  void loadsNestedAndTopLevelEntitiesWithReferencesByName() {
    Configuration cfg = loader.load(STACK);
    Row vllm = byName(cfg, Service.TYPE, "name", "vllm-service");
    assertThat(vllm.asMap()).containsEntry("host", "vllm.test").containsEntry("port", 8080L)
        .containsEntry("read_timeout", 120000L).containsEntry("created_at", 1_700_000_000L);
    Row route = byName(cfg, Route.TYPE, "name", "vllm-route");
    assertThat(route.foreignId("service")).isEqualTo(EntityType.id(vllm));
    Row admin = byName(cfg, Route.TYPE, "name", "admin-api-route");
    assertThat(admin.foreignId("service"))
        .isEqualTo(EntityType.id(byName(cfg, Service.TYPE, "name", "admin-api-service")));
    List<PluginBinding> plugins = cfg.rows(REGISTRY.entityTypes().plugins()).stream().map(PluginBinding::of).toList();
    assertThat(plugins).extracting(PluginBinding::name).containsExactlyInAnyOrder("rate-limiting", "key-auth",
        "rate-limiting");
    assertThat(plugins).filteredOn(p -> p.routeId() != null).singleElement()
        .satisfies(p -> assertThat(p.config().get("minute")).isEqualTo(60L));
    assertThat(plugins).filteredOn(p -> p.routeId() == null && p.serviceId() == null).singleElement()
        .satisfies(p -> assertThat(p.config().get("hour")).isEqualTo(1000L));
    Row consumer = byName(cfg, Consumer.TYPE, "username", "admin");
    assertThat(cfg.rows(TestPlugins.CREDENTIALS)).hasSize(2)
        .allSatisfy(c -> assertThat(c.foreignId("consumer")).isEqualTo(EntityType.id(consumer)));
    assertThat(cfg.rows(Target.TYPE)).extracting(r -> r.string("target"))
        .containsExactly("10.0.0.1:8000", "10.0.0.2:8000");
    assertThat(cfg.rows(Target.TYPE)).allSatisfy(t -> {
      assertThat(t.foreignId("upstream")).isEqualTo(EntityType.id(byName(cfg, Upstream.TYPE, "name", "llm-pool")));
      assertThat(t.get("created_at")).isEqualTo(1_700_000_000.123);
    });
  }

  @Test
  void idsAreDeterministicAndFollowTheName() {
    Configuration a = loader.load(STACK);
    Configuration b = new DeclarativeConfig(REGISTRY.entityTypes(), () -> 1_600_000_000_000L).load(STACK);
    assertThat(a.rows(Service.TYPE)).extracting(r -> r.string("id"))
        .isEqualTo(b.rows(Service.TYPE).stream().map(r -> r.string("id")).toList());
    assertThat(a.rows(REGISTRY.entityTypes().plugins())).extracting(r -> r.string("id"))
        .isEqualTo(b.rows(REGISTRY.entityTypes().plugins()).stream().map(r -> r.string("id")).toList());
    assertThat(a.rows(Target.TYPE)).extracting(r -> r.string("id")).doesNotHaveDuplicates();
    String id = byName(a, Service.TYPE, "name", "vllm-service").string("id");
    assertThat(id).isEqualTo(DeterministicIds.of("services", "vllm-service").toString());
    assertThat(id.charAt(14)).isEqualTo('5');
  }

  @Test
  void uuidV5MatchesTheRfcExample() {
    // RFC 4122 / Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    assertThat(DeterministicIds.v5(java.util.UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"))
        .hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  }

  @Test
  void exportThenLoadGivesAnEqualConfiguration() {
    Configuration original = loader.load(STACK);
    String yaml = DeclarativeExport.yaml(original);
    assertThat(yaml).startsWith("_format_version: '3.0'\n_transform: false\n");
    Configuration again = new DeclarativeConfig(REGISTRY.entityTypes(), () -> 9_999_999_999_999L).load(yaml);
    assertThat(again).isEqualTo(original);
    Configuration fromJson = loader.load(DeclarativeExport.json(original));
    assertThat(fromJson).isEqualTo(original);
  }

  @Test
  void everyErrorIsReportedWithItsPath() {
    String text = """
        _format_version: "3.0"
        services:
        - name: ok
          host: ok.test
          routes:
          - paths: [/fine]
          - paths: [nope]
        - name: bad name
        routes:
        - service: missing-service
          paths: [/x]
        what: 1
        """;
    assertThatThrownBy(() -> loader.load(text)).isInstanceOfSatisfying(DeclarativeError.class, e -> {
      assertThat(e.messages()).contains(
          "services[0].routes[1].paths[0]: should start with: / (fixed path) or ~/ (regex path)",
          "services[1].host: required field missing",
          "services[1].name: invalid value 'bad name': the only accepted ascii characters are alphanumerics"
              + " or ., -, _, and ~",
          "routes[0].service: invalid reference 'service: missing-service' (no such entry in 'services')",
          "what: unknown field");
      Map<String, Object> body = e.toJson();
      assertThat(body).containsEntry("code", 14).containsEntry("name", "invalid declarative configuration");
      assertThat((String) body.get("message")).startsWith("declarative config is invalid: {");
      assertThat(Json.write(body.get("fields"))).contains(
          "\"services\":[{\"routes\":[null,{\"paths\":[\"should start with: / (fixed path) or ~/ (regex path)\"]}]},"
              + "{\"host\":\"required field missing\"");
    });
  }

  @Test
  void formatVersionIsRequiredAndChecked() {
    assertThatThrownBy(() -> loader.load("services: []"))
        .isInstanceOfSatisfying(DeclarativeError.class, e -> assertThat(e.messages())
            .containsExactly("_format_version: required field missing"));
    assertThatThrownBy(() -> loader.load("_format_version: 3.0"))
        .isInstanceOfSatisfying(DeclarativeError.class, e -> assertThat(e.messages())
            .containsExactly("_format_version: expected a string"));
    assertThatThrownBy(() -> loader.load("{\"_format_version\": \"4.0\"}"))
        .isInstanceOfSatisfying(DeclarativeError.class, e -> assertThat(e.messages())
            .containsExactly("_format_version: expected one of: 1.1, 2.1, 3.0"));
  }

  @Test
  void declaringTheSameEntityTwiceIsAUniquenessViolation() {
    String text = """
        _format_version: "3.0"
        services:
        - {name: a, host: a.test}
        - {name: a, host: b.test}
        plugins:
        - name: key-auth
        - name: key-auth
        """;
    assertThatThrownBy(() -> loader.load(text)).isInstanceOfSatisfying(DeclarativeError.class, e ->
        assertThat(e.messages()).containsExactlyInAnyOrder(
            "services[1]: uniqueness violation: 'services' entity with primary key set to '"
                + DeterministicIds.of("services", "a") + "' already declared",
            "plugins[1]: uniqueness violation: 'plugins' entity with primary key set to '"
                + DeterministicIds.of("plugins", "plugins:*:key-auth:::") + "' already declared"));
  }

  @Test
  void unparsableTextIsReportedNotThrownRaw() {
    assertThatThrownBy(() -> loader.load("services: [unclosed")).isInstanceOfSatisfying(DeclarativeError.class,
        e -> assertThat(e.messages().get(0)).startsWith("failed parsing declarative configuration: "));
    assertThatThrownBy(() -> loader.load("- a\n- b")).isInstanceOfSatisfying(DeclarativeError.class,
        e -> assertThat(e.toJson().get("fields")).isEqualTo(
            Map.of("error", "failed parsing declarative configuration: expected an object at the top level")));
  }

  @Test
  void malformedJsonIsDescribedWithoutTheParsersAdvice() {
    assertThatThrownBy(() -> loader.load("{\"_format_version\":\"3.0\",]"))
        .isInstanceOfSatisfying(DeclarativeError.class, e -> assertThat(e.messages()).containsExactly(
            "failed parsing declarative configuration: invalid JSON: malformed JSON at line 1 column 27 path "
                + "$._format_version"));
  }

  @Test
  void yamlNestedTooDeeplyForTheParserIsAParseError() {
    String deep = "_format_version: '3.0'\nx: " + "[".repeat(200_000) + "]".repeat(200_000);
    assertThatThrownBy(() -> loader.load(deep)).isInstanceOfSatisfying(DeclarativeError.class,
        e -> assertThat(e.messages()).containsExactly(
            "failed parsing declarative configuration: the document nests too deeply"));
  }

  @Test
  void olderFormatsGetRegexPathsPrefixed() {
    Configuration cfg = loader.load("""
        _format_version: "1.1"
        routes:
        - name: r
          paths: ["/plain", "/v\\\\d+/x"]
        """);
    assertThat(cfg.rows(Route.TYPE).iterator().next().strings("paths")).containsExactly("/plain", "~/v\\d+/x");
  }
}
