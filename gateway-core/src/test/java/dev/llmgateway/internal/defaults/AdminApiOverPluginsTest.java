package dev.llmgateway.internal.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.admin.AdminApi;
import dev.llmgateway.internal.admin.AdminRequest;
import dev.llmgateway.internal.admin.AdminResponse;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.plugins.acl.AclGroup;
import dev.llmgateway.internal.plugins.acl.AclType;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingType;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.MemoryConfigStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plugins' entities and configs through the real Admin API logic and store writer, and the stack's hooks. */
class AdminApiOverPluginsTest {
  private static final long NOW_MILLIS = 1_700_000_000_000L;
  private final PluginRegistry registry = PluginRegistry.of(new KeyAuthType(), new AclType(), new RateLimitingType());
  private final StackSettings settings = StackSettings.defaults("127.0.0.1", 8001, "the-admin-key");
  private ConfigWriter writer;
  private AdminApi api;

  @BeforeEach
  void start() throws Exception {
    writer = ConfigWriter.start(new MemoryConfigStore(), registry, new PluginStates());
    api = AdminApi.builder(writer).clock(() -> NOW_MILLIS)
        .onConfigLoad(AdminApiStack.configLoadHook(settings, () -> NOW_MILLIS)).build();
  }

  @AfterEach
  void stop() throws Exception {
    writer.close();
  }

  private AdminResponse call(String method, String path, String body) throws Exception {
    Map<String, List<String>> headers = body == null ? Map.of()
        : Map.of("Content-Type", List.of(body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded"));
    return api.handle(new AdminRequest(method, path, "", headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
  }

  private Configuration current() {
    return writer.live().current().configuration();
  }

  @Test
  void declarativeStackLoadsToTheSameStack() {
    Configuration loaded = new DeclarativeConfig(registry.entityTypes(), () -> NOW_MILLIS)
        .load(DefaultStack.declarativeText(settings));
    Configuration built = DefaultStack.configuration(registry.entityTypes(), settings, NOW_MILLIS / 1000);
    assertThat(loaded.rows(Service.TYPE)).extracting(r -> r.string("name") + "@" + r.string("host") + ":" + r.get("port"))
        .containsExactlyInAnyOrderElementsOf(built.rows(Service.TYPE).stream()
            .map(r -> r.string("name") + "@" + r.string("host") + ":" + r.get("port")).toList());
    assertThat(loaded.rows(Route.TYPE)).hasSize(3);
    assertThat(loaded.rows(registry.entityTypes().plugins())).hasSize(2);
    assertThat(loaded.rows(KeyAuthCredential.TYPE)).extracting(r -> r.string("key")).containsExactly("the-admin-key");
    assertThat(loaded.rows(AclGroup.TYPE)).extracting(r -> r.string("group")).containsExactly("admin");
    assertThat(AdminApiStack.reassert(loaded, settings, NOW_MILLIS / 1000).rows(KeyAuthCredential.TYPE))
        .hasSize(1);
  }

  @Test
  void credentialsThroughTheAdminApi() throws Exception {
    assertThat(call("POST", "/consumers", "username=my-app").status()).isEqualTo(201);
    AdminResponse generated = call("POST", "/consumers/my-app/key-auth", "");
    assertThat(generated.status()).isEqualTo(201);
    assertThat(generated.bodyText()).containsPattern("\"key\":\"[A-Za-z0-9]{32}\"").contains("\"ttl\":null")
        .doesNotContain("updated_at");
    assertThat(call("POST", "/consumers/my-app/key-auth", "key=my-app-secret-key").status()).isEqualTo(201);
    AdminResponse owner = call("GET", "/key-auths/my-app-secret-key/consumer", null);
    assertThat(owner.status()).isEqualTo(200);
    assertThat(owner.bodyText()).contains("\"username\":\"my-app\"");
    call("POST", "/consumers", "username=other");
    AdminResponse duplicate = call("POST", "/consumers/other/key-auth", "key=my-app-secret-key");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.bodyText()).contains("UNIQUE violation detected on '{key=\\\"my-app-secret-key\\\"}'");
    assertThat(call("GET", "/consumers/my-app/key-auth", null).bodyText()).contains("my-app-secret-key");
  }

  @Test
  void aclGroupsThroughTheAdminApi() throws Exception {
    call("POST", "/consumers", "username=bob");
    assertThat(call("POST", "/consumers/bob/acls", "group=admin").status()).isEqualTo(201);
    AdminResponse again = call("POST", "/consumers/bob/acls", "group=admin");
    assertThat(again.status()).isEqualTo(409);
    assertThat(call("GET", "/consumers/bob/acls", null).bodyText()).contains("\"group\":\"admin\"");
    assertThat(call("GET", "/acls", null).bodyText()).contains("\"group\":\"admin\"");
    call("POST", "/consumers/bob/key-auth", "key=bob-key");
    assertThat(call("DELETE", "/consumers/bob", null).status()).isEqualTo(204);
    assertThat(current().rows(AclGroup.TYPE)).isEmpty();
    assertThat(current().rows(KeyAuthCredential.TYPE)).isEmpty();
  }

  @Test
  void pluginConfigsThroughTheAdminApi() throws Exception {
    call("POST", "/services", "name=vllm-service&url=http://localhost:8080");
    AdminResponse rl = call("POST", "/services/vllm-service/plugins", "name=rate-limiting&config.minute=60&config.policy=local");
    assertThat(rl.status()).isEqualTo(201);
    assertThat(rl.bodyText()).contains("\"minute\":60", "\"limit_by\":\"consumer\"", "\"error_code\":429");
    AdminResponse none = call("POST", "/plugins", "name=rate-limiting");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.bodyText()).contains("at least one of these fields must be non-empty: 'config.second'");
    AdminResponse order = call("POST", "/plugins", "name=rate-limiting&config.second=20&config.hour=10");
    assertThat(order.bodyText())
        .contains("\"config\":\"The limit for hour(10.0) cannot be lower than the limit for second(20.0)\"");
    call("POST", "/consumers", "username=alice");
    assertThat(call("POST", "/plugins", "name=key-auth&consumer.username=alice").bodyText())
        .contains("\"consumer\":\"value must be null\"");
    assertThat(call("POST", "/plugins", "name=acl&config.allow=a&config.deny=b").bodyText())
        .contains("exactly one of these fields must be non-empty: 'config.allow', 'config.deny'");
    AdminResponse keyAuth = call("POST", "/services/vllm-service/plugins", "name=key-auth");
    assertThat(keyAuth.status()).isEqualTo(201);
    assertThat(keyAuth.bodyText()).contains("\"key_names\":[\"apikey\"]", "\"key_in_bearer\":true");
  }

  @Test
  void postConfigKeepsTheAdminApiUnlessItDefinesIt() throws Exception {
    AdminResponse bare = call("POST", "/config", "{\"_format_version\":\"3.0\",\"services\":[{\"name\":\"x\",\"url\":\"http://x.test\"}]}");
    assertThat(bare.status()).isEqualTo(201);
    Configuration cfg = current();
    assertThat(cfg.find(Service.TYPE, "admin-api-service")).isNotNull();
    assertThat(cfg.find(Route.TYPE, "admin-api-route")).isNotNull();
    assertThat(cfg.find(Consumer.TYPE, "admin")).isNotNull();
    assertThat(cfg.rows(KeyAuthCredential.TYPE)).extracting(r -> r.string("key")).containsExactly("the-admin-key");
    assertThat(cfg.find(Service.TYPE, "x")).isNotNull();
    AdminResponse own = call("POST", "/config",
        "{\"_format_version\":\"3.0\",\"services\":[{\"name\":\"admin-api-service\",\"url\":\"http://127.0.0.1:9\"}]}");
    assertThat(own.status()).isEqualTo(201);
    assertThat(current().rows(Route.TYPE)).isEmpty();
    assertThat(current().rows(KeyAuthCredential.TYPE)).isEmpty();
  }

  @Test
  void installWritesTheStackOnlyIntoAFreshStore() throws Exception {
    DefaultStack.install(writer, settings, true, () -> NOW_MILLIS);
    assertThat(current().rows(Service.TYPE)).hasSize(3);
    call("DELETE", "/routes/sglang-route", null);
    DefaultStack.install(writer, StackSettings.defaults("127.0.0.1", 9001, "the-admin-key"), false, () -> NOW_MILLIS);
    assertThat(current().find(Route.TYPE, "sglang-route")).isNull();
    assertThat(current().find(Service.TYPE, "admin-api-service").get("port")).isEqualTo(9001L);
  }

  @Test
  void startUpReassertionIsOneDurableWrite() throws Exception {
    AdminApiStack.reassertAtStart(writer, settings, () -> NOW_MILLIS);
    Configuration first = current();
    assertThat(first.find(Route.TYPE, "admin-api-route")).isNotNull();
    AdminApiStack.reassertAtStart(writer, StackSettings.defaults("127.0.0.1", 8001, "rotated"), () -> NOW_MILLIS);
    assertThat(current().rows(KeyAuthCredential.TYPE)).extracting(r -> r.string("key")).containsExactly("rotated");
    assertThat(writer.store().load().orElseThrow().tables().get("keyauth_credentials"))
        .extracting(r -> r.get("key")).containsExactly("rotated");
  }
}
