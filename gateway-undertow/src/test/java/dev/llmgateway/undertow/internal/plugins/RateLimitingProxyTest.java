package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rate-limiting through a real gateway on a clock the test moves: every field, every header, exact counts. */
class RateLimitingProxyTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-03-01T10:00:15Z"));
  private static StackGateway gw;
  private static final AtomicInteger NEXT = new AtomicInteger();
  private String path;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(CLOCK);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @BeforeEach
  void freshRoute() {
    CLOCK.set(Instant.parse("2025-03-01T10:00:15Z"));
    String name = "rl" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    path = "/" + name;
  }

  private void plugin(String form) {
    gw.adminForm("POST", "/services" + path + "/plugins", "name=rate-limiting&" + form);
  }

  private HttpResponse<String> get(String... headers) {
    return gw.proxy("GET", path + "/v1/models", null, headers);
  }

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void kongsSequenceForSixPerMinuteWithEveryHeader() {
    plugin("config.minute=6");
    for (int remaining = 5; remaining >= 0; remaining--) {
      HttpResponse<String> r = get();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(header(r, "X-RateLimit-Limit-Minute")).isEqualTo("6");
      assertThat(header(r, "X-RateLimit-Remaining-Minute")).isEqualTo(Integer.toString(remaining));
      assertThat(header(r, "RateLimit-Limit")).isEqualTo("6");
      assertThat(header(r, "RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
      assertThat(header(r, "RateLimit-Reset")).isEqualTo("45");
      assertThat(header(r, "Retry-After")).isNull();
    }
    HttpResponse<String> rejected = get();
    assertThat(rejected.statusCode()).isEqualTo(429);
    assertThat(json(rejected)).containsEntry("message", "API rate limit exceeded").containsKey("request_id");
    assertThat(header(rejected, "Content-Type")).startsWith("application/json");
    assertThat(header(rejected, "X-RateLimit-Remaining-Minute")).isEqualTo("0");
    assertThat(header(rejected, "RateLimit-Remaining")).isEqualTo("0");
    assertThat(header(rejected, "Retry-After")).isEqualTo("45");
    assertThat(header(rejected, "RateLimit-Reset")).isEqualTo("45");
  }

  @Test
  void everyPeriodHasItsHeaders() {
    plugin("config.second=10&config.minute=20&config.hour=30&config.day=40&config.month=50&config.year=60");
    HttpResponse<String> r = get();
    for (String[] p : new String[][] {{"Second", "10"}, {"Minute", "20"}, {"Hour", "30"}, {"Day", "40"},
        {"Month", "50"}, {"Year", "60"}}) {
      assertThat(header(r, "X-RateLimit-Limit-" + p[0])).isEqualTo(p[1]);
      assertThat(header(r, "X-RateLimit-Remaining-" + p[0])).isEqualTo(Integer.toString(Integer.parseInt(p[1]) - 1));
    }
    assertThat(header(r, "RateLimit-Limit")).isEqualTo("10");
    assertThat(header(r, "RateLimit-Reset")).isEqualTo("1");
  }

  @Test
  void exactlyTheLimitPassesWithFiveHundredConcurrentRequests() throws Exception {
    plugin("config.minute=100");
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.proxyPort() + path + "/x"))
        .timeout(Duration.ofSeconds(10)).build();
    for (int i = 0; i < 500; i++) {
      all.add(gw.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    int ok = 0;
    int limited = 0;
    for (CompletableFuture<HttpResponse<String>> f : all) {
      int status = f.get(10, TimeUnit.SECONDS).statusCode();
      ok += status == 200 ? 1 : 0;
      limited += status == 429 ? 1 : 0;
    }
    assertThat(ok).isEqualTo(100);
    assertThat(limited).isEqualTo(400);
    assertThat(get().statusCode()).isEqualTo(429);
  }

  @Test
  void theWindowRollsOverAtTheBoundary() {
    plugin("config.minute=2");
    CLOCK.set(Instant.parse("2025-03-01T10:00:59.500Z"));
    assertThat(get().statusCode()).isEqualTo(200);
    assertThat(get().statusCode()).isEqualTo(200);
    HttpResponse<String> full = get();
    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(header(full, "Retry-After")).isEqualTo("1");
    CLOCK.set(Instant.parse("2025-03-01T10:01:00Z"));
    HttpResponse<String> next = get();
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(header(next, "X-RateLimit-Remaining-Minute")).isEqualTo("1");
    assertThat(header(next, "RateLimit-Reset")).isEqualTo("60");
  }

  @Test
  void hideClientHeadersErrorCodeAndErrorMessage() {
    plugin("config.minute=1&config.hide_client_headers=true&config.error_code=503"
        + "&config.error_message=Slow+down+please");
    HttpResponse<String> ok = get();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().map().keySet()).noneMatch(h -> h.toLowerCase().contains("ratelimit"));
    HttpResponse<String> refused = get();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(json(refused)).containsEntry("message", "Slow down please");
    assertThat(header(refused, "Retry-After")).isNull();
    assertThat(refused.headers().map().keySet()).noneMatch(h -> h.toLowerCase().contains("ratelimit"));
  }

  @Test
  void limitByHeaderCountsEachValueAndFallsBackToTheIp() {
    plugin("config.minute=1&config.limit_by=header&config.header_name=x-tenant");
    assertThat(get("X-Tenant", "a").statusCode()).isEqualTo(200);
    assertThat(get("X-Tenant", "a").statusCode()).isEqualTo(429);
    assertThat(get("X-Tenant", "b").statusCode()).isEqualTo(200);
    assertThat(get().statusCode()).isEqualTo(200);
    assertThat(get().statusCode()).isEqualTo(429);
  }

  @Test
  void limitByIpSharesOneCounterForOneClient() {
    plugin("config.minute=2&config.limit_by=ip");
    assertThat(get("X-Tenant", "a").statusCode()).isEqualTo(200);
    assertThat(get("X-Forwarded-For", "10.9.9.9").statusCode()).isEqualTo(200);
    assertThat(get().statusCode()).isEqualTo(429);
  }

  @Test
  void limitByPathCountsTheConfiguredPathOnly() {
    plugin("config.minute=1&config.limit_by=path&config.path=" + path + "/v1/chat");
    assertThat(gw.proxy("GET", path + "/v1/chat", null).statusCode()).isEqualTo(200);
    assertThat(gw.proxy("GET", path + "/v1/chat", null).statusCode()).isEqualTo(429);
    assertThat(get().statusCode()).isEqualTo(200);
  }

  @Test
  void limitByServiceCountsEveryRouteOfTheService() {
    plugin("config.minute=2&config.limit_by=service");
    gw.adminForm("POST", "/services" + path + "/routes", "paths[]=" + path + "-other");
    assertThat(get().statusCode()).isEqualTo(200);
    assertThat(gw.proxy("GET", path + "-other/x", null).statusCode()).isEqualTo(200);
    assertThat(get().statusCode()).isEqualTo(429);
  }

  @Test
  void limitByConsumerAndCredentialAfterKeyAuth() {
    String user = path.substring(1) + "-user";
    gw.adminForm("POST", "/services" + path + "/plugins", "name=key-auth");
    gw.adminForm("POST", "/consumers", "username=" + user);
    gw.adminForm("POST", "/consumers/" + user + "/key-auth", "key=" + user + "-k1");
    gw.adminForm("POST", "/consumers/" + user + "/key-auth", "key=" + user + "-k2");
    plugin("config.minute=1&config.limit_by=consumer");
    assertThat(get("apikey", user + "-k1").statusCode()).isEqualTo(200);
    assertThat(get("apikey", user + "-k2").statusCode()).isEqualTo(429);
    gw.adminForm("PATCH", "/plugins/" + rateLimitingId(), "config.limit_by=credential");
    CLOCK.set(Instant.parse("2025-03-01T10:05:00Z"));
    assertThat(get("apikey", user + "-k1").statusCode()).isEqualTo(200);
    assertThat(get("apikey", user + "-k2").statusCode()).isEqualTo(200);
    assertThat(get("apikey", user + "-k2").statusCode()).isEqualTo(429);
  }

  private String rateLimitingId() {
    HttpResponse<String> list = gw.admin("GET", "/services" + path + "/plugins", null);
    for (Object p : (List<?>) json(list).get("data")) {
      java.util.Map<?, ?> plugin = (java.util.Map<?, ?>) p;
      if ("rate-limiting".equals(plugin.get("name"))) {
        return (String) plugin.get("id");
      }
    }
    throw new AssertionError(list.body());
  }

  @Test
  void countersSurviveUnrelatedAdminWrites() {
    plugin("config.minute=3");
    get();
    gw.adminForm("POST", "/consumers", "username=" + path.substring(1) + "-bystander");
    gw.adminForm("PATCH", "/services" + path, "read_timeout=90000");
    assertThat(header(get(), "X-RateLimit-Remaining-Minute")).isEqualTo("1");
  }

  @Test
  void redisPolicyFollowsFaultTolerant() {
    plugin("config.minute=1&config.policy=redis&config.redis.host=redis.invalid");
    assertThat(get().statusCode()).isEqualTo(200);
    HttpResponse<String> second = get();
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(header(second, "X-RateLimit-Limit-Minute")).isNull();
    gw.adminForm("PATCH", "/plugins/" + rateLimitingId(), "config.fault_tolerant=false");
    HttpResponse<String> strict = get();
    assertThat(strict.statusCode()).isEqualTo(500);
    assertThat(json(strict)).containsEntry("message", "An unexpected error occurred");
  }
}
