package dev.llmgateway.internal.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.plugins.acl.AclGroup;
import dev.llmgateway.internal.plugins.acl.AclType;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingType;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DefaultStackTest {
  private static final long NOW = 1_700_000_000L;
  private final TestGateway gw = new TestGateway(new KeyAuthType(), new AclType(), new RateLimitingType());
  private final StackSettings settings = StackSettings.defaults("127.0.0.1", 8001, "admin-secret");

  private Configuration stack(StackSettings s) {
    return DefaultStack.configuration(gw.registry().entityTypes(), s, NOW);
  }

  private List<Row> rows(Configuration cfg, EntityType type) {
    return new ArrayList<>(cfg.rows(type));
  }

  @Test
  void severalVllmUrlsBecomeAnUpstreamWithLoadAwareBalancingAndActiveChecks() {
    StackSettings pooled = new StackSettings("http://gpu1:8000/,http://10.0.0.2:8000/", "http://sg:30000",
        "127.0.0.1", 8001, "admin-secret");
    Configuration cfg = stack(pooled);
    Service vllm = Service.of(cfg.find(Service.TYPE, "vllm-service"));
    assertThat(vllm.host()).isEqualTo(DefaultStack.VLLM_UPSTREAM);
    dev.llmgateway.entity.Upstream u = dev.llmgateway.entity.Upstream.of(cfg.find(dev.llmgateway.entity.Upstream.TYPE,
        DefaultStack.VLLM_UPSTREAM));
    assertThat(u.algorithm()).isEqualTo("least-load");
    Map<String, Object> hc = u.row().record("healthchecks").toPlainMap();
    assertThat(hc.toString()).contains("http_path=/health");
    assertThat(rows(cfg, dev.llmgateway.entity.Target.TYPE)).extracting(r -> r.string("target"))
        .containsExactlyInAnyOrder("gpu1:8000", "10.0.0.2:8000");
    // One URL keeps today's plain service.
    assertThat(Service.of(cfg.find(Service.TYPE, "sglang-service")).host()).isEqualTo("sg");
    assertThat(cfg.rows(dev.llmgateway.entity.Upstream.TYPE)).hasSize(1);
    Map<String, Object> doc = DefaultStack.declarative(pooled);
    assertThat(doc.get("upstreams").toString()).contains("vllm-replicas", "gpu1:8000", "least-load");
  }

  @Test
  void serviceLoaderFindsTheBundledPlugins() {
    PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), List.of());
    assertThat(registry.names()).contains("key-auth", "acl", "rate-limiting");
    assertThat(registry.entityTypes().byName("keyauth_credentials")).isNotNull();
    assertThat(registry.entityTypes().byName("acls")).isNotNull();
  }

  @Test
  void llmServicesAndRoutes() {
    Configuration cfg = stack(settings);
    Service vllm = Service.of(cfg.find(Service.TYPE, "vllm-service"));
    assertThat(vllm.host()).isEqualTo("localhost");
    assertThat(vllm.port()).isEqualTo(8080);
    assertThat(vllm.readTimeout()).isEqualTo(120_000);
    assertThat(vllm.writeTimeout()).isEqualTo(120_000);
    Service sglang = Service.of(cfg.find(Service.TYPE, "sglang-service"));
    assertThat(sglang.port()).isEqualTo(30000);
    Route vr = Route.of(cfg.find(Route.TYPE, "vllm-route"));
    assertThat(vr.paths()).containsExactly("/v1/vllm");
    assertThat(vr.stripPath()).isTrue();
    assertThat(vr.serviceId()).isEqualTo(vllm.id());
    assertThat(Route.of(cfg.find(Route.TYPE, "sglang-route")).paths()).containsExactly("/v1/sglang");
    assertThat(cfg.rows(Service.TYPE)).hasSize(3);
    assertThat(cfg.rows(Route.TYPE)).hasSize(3);
  }

  @Test
  void customBackendUrls() {
    Configuration cfg = stack(new StackSettings("http://gpu-1:8000/base", "https://gpu-2", "0.0.0.0", 9001, "k"));
    Service vllm = Service.of(cfg.find(Service.TYPE, "vllm-service"));
    assertThat(vllm.host()).isEqualTo("gpu-1");
    assertThat(vllm.path()).isEqualTo("/base");
    assertThat(Service.of(cfg.find(Service.TYPE, "sglang-service")).protocol()).isEqualTo("https");
    Service admin = Service.of(cfg.find(Service.TYPE, "admin-api-service"));
    assertThat(admin.host()).isEqualTo("127.0.0.1");
    assertThat(admin.port()).isEqualTo(9001);
  }

  @Test
  void adminApiIsBehindKeyAuthAndAcl() {
    Configuration cfg = stack(settings);
    Service admin = Service.of(cfg.find(Service.TYPE, "admin-api-service"));
    assertThat(admin.host()).isEqualTo("127.0.0.1");
    assertThat(admin.port()).isEqualTo(8001);
    Route route = Route.of(cfg.find(Route.TYPE, "admin-api-route"));
    assertThat(route.paths()).containsExactly("/admin-api");
    assertThat(route.stripPath()).isTrue();
    assertThat(route.serviceId()).isEqualTo(admin.id());
    List<Row> plugins = rows(cfg, cfg.types().plugins());
    assertThat(plugins).extracting(p -> p.string("name")).containsExactly("key-auth", "acl");
    assertThat(plugins).allSatisfy(p -> assertThat(p.foreignId("service")).isEqualTo(admin.id()));
    assertThat(plugins.get(0).record("config").get("hide_credentials")).isEqualTo(true);
    assertThat(plugins.get(0).record("config").get("anonymous")).isNull();
    assertThat(plugins.get(1).record("config").strings("allow")).containsExactly("admin");
    Consumer consumer = Consumer.of(cfg.find(Consumer.TYPE, "admin"));
    assertThat(rows(cfg, AclGroup.TYPE)).singleElement()
        .satisfies(r -> assertThat(AclGroup.of(r)).isEqualTo(new AclGroup(r.uuid("id"), consumer.id(), "admin")));
    assertThat(rows(cfg, KeyAuthCredential.TYPE)).singleElement().satisfies(r -> {
      assertThat(r.string("key")).isEqualTo("admin-secret");
      assertThat(r.foreignId("consumer")).isEqualTo(consumer.id());
    });
  }

  @Test
  void idsAreStableAcrossStarts() {
    Configuration a = stack(settings);
    Configuration b = stack(settings);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void declarativeDocumentNestsLikeKongYml() {
    Map<String, Object> doc = DefaultStack.declarative(settings);
    assertThat(doc.keySet()).containsExactly("_format_version", "services", "consumers");
    assertThat(doc.get("_format_version")).isEqualTo("3.0");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> services = (List<Map<String, Object>>) doc.get("services");
    assertThat(services).extracting(s -> s.get("name"))
        .containsExactly("vllm-service", "sglang-service", "admin-api-service");
    assertThat(services.get(2).get("url")).isEqualTo("http://127.0.0.1:8001");
    assertThat(doc.toString()).contains("keyauth_credentials=[{key=admin-secret}]", "acls=[{group=admin}]");
  }

  @Test
  void settingsNeverShowTheKey() {
    assertThat(settings.toString()).doesNotContain("admin-secret").contains("<redacted>");
    assertThat(new StackSettings("http://a", "http://b", "::", 1, "k").adminUrl()).isEqualTo("http://127.0.0.1:1");
    assertThat(new StackSettings("http://a", "http://b", "[::1]", 2, "k").adminUrl()).isEqualTo("http://[::1]:2");
  }

  @Test
  void reassertFollowsTheListenerAndTheKey() {
    Configuration cfg = stack(settings);
    UUID serviceId = cfg.find(Service.TYPE, "admin-api-service").uuid("id");
    Configuration next = AdminApiStack.reassert(cfg,
        StackSettings.defaults("127.0.0.1", 18001, "rotated-secret"), NOW + 60);
    Row service = next.find(Service.TYPE, "admin-api-service");
    assertThat(service.uuid("id")).isEqualTo(serviceId);
    assertThat(service.get("port")).isEqualTo(18001L);
    assertThat(service.get("updated_at")).isEqualTo(NOW + 60);
    assertThat(next.rows(KeyAuthCredential.TYPE)).extracting(r -> r.string("key")).containsExactly("rotated-secret");
    assertThat(AdminApiStack.reassert(next, StackSettings.defaults("127.0.0.1", 18001, "rotated-secret"), NOW + 120))
        .isEqualTo(next);
  }

  @Test
  void reassertRestoresTamperedEntitiesAndKeepsTheRest() {
    gw.replace(stack(settings));
    EntityType plugins = gw.registry().entityTypes().plugins();
    Row keyAuth = gw.configuration().rows(plugins).stream().filter(r -> r.string("name").equals("key-auth"))
        .findFirst().orElseThrow();
    Row acl = gw.configuration().rows(plugins).stream().filter(r -> r.string("name").equals("acl"))
        .findFirst().orElseThrow();
    gw.consumer("guest");
    gw.consumer("my-app");
    gw.credential("my-app", "admin-secret-2");
    gw.credential("admin", "old-extra-key");
    gw.remove(plugins, keyAuth.uuid("id"));
    gw.add(plugins, Map.of("id", keyAuth.uuid("id").toString(), "name", "key-auth", "enabled", false,
        "service", Map.of("id", keyAuth.foreignId("service").toString()), "config", Map.of("anonymous", "guest")));
    gw.remove(plugins, acl.uuid("id"));
    gw.remove(Route.TYPE, gw.id(Route.TYPE, "admin-api-route"));
    gw.remove(AclGroup.TYPE, gw.configuration().rows(AclGroup.TYPE).iterator().next().uuid("id"));
    gw.plugin("rate-limiting", Map.of("minute", 10L), Map.of("service", "admin-api-service"));
    Configuration fixed = AdminApiStack.reassert(gw.configuration(),
        StackSettings.defaults("127.0.0.1", 8001, "admin-secret-2"), NOW + 5);
    assertThat(fixed.rows(plugins)).extracting(r -> r.string("name"))
        .containsExactlyInAnyOrder("key-auth", "acl", "rate-limiting");
    Row restored = fixed.get(plugins, keyAuth.uuid("id"));
    assertThat(restored.get("enabled")).isEqualTo(true);
    assertThat(restored.record("config").get("anonymous")).isNull();
    assertThat(fixed.find(Route.TYPE, "admin-api-route")).isNotNull();
    assertThat(fixed.rows(KeyAuthCredential.TYPE)).extracting(r -> r.string("key")).containsExactly("admin-secret-2");
    assertThat(fixed.find(Consumer.TYPE, "my-app")).isNotNull();
    // What the restored route then lets through: gateway-undertow's DefaultStackProxyTest, through a real gateway.
  }

  @Test
  void loadedConfigKeepsItsOwnAdminApiService() {
    Configuration own = stack(settings);
    Configuration loaded = Configuration.empty(gw.registry().entityTypes())
        .with(Service.TYPE, own.find(Service.TYPE, "admin-api-service"));
    assertThat(AdminApiStack.afterConfigLoad(loaded, settings, NOW)).isSameAs(loaded);
    Configuration bare = Configuration.empty(gw.registry().entityTypes());
    Configuration reasserted = AdminApiStack.afterConfigLoad(bare, settings, NOW);
    assertThat(reasserted.find(Route.TYPE, "admin-api-route")).isNotNull();
    assertThat(reasserted.find(Service.TYPE, "vllm-service")).isNull();
    assertThat(reasserted.rows(KeyAuthCredential.TYPE)).hasSize(1);
  }
}
