package dev.llmgateway.undertow.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.undertow.embed.HostResolver;
import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blocking work never runs on an IO thread: with a single IO thread, a resolver that blocks for 2 s and a log
 * phase that sleeps 1 s still let other requests through meanwhile.
 */
class BlockingWorkTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final CountDownLatch logEntered = new CountDownLatch(1);
  private final CountDownLatch logDone = new CountDownLatch(1);
  private final CountDownLatch resolverEntered = new CountDownLatch(1);
  private StubUpstream stub;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    stub = StubUpstream.start(StubHandlers.echo());
    TestConfig config = TestConfig.with(TestPlugins.of("slow-log", 10, new Plugin() {
      @Override
      public void log(LogContext ctx) {
        logEntered.countDown();
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        logDone.countDown();
      }
    }));
    UUID fast = config.service("fast", stub.url());
    config.route(fast, "/fast");
    UUID slowName = config.service(Map.of("name", "slow-dns", "url", "http://slow.test:" + stub.port()));
    config.route(slowName, "/slow-dns");
    UUID logged = config.route(fast, "/slow-log");
    config.plugin("slow-log", Map.of("route", Map.of("id", logged.toString()), "config", Map.of()));
    HostResolver blocking = host -> {
      resolverEntered.countDown();
      try {
        Thread.sleep(2000); // a resolver that blocks the thread it runs on
        return CompletableFuture.completedFuture(List.of(InetAddress.getByName("127.0.0.1")));
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    };
    gateway = GatewayHarness.start(config.snapshot(), b -> b.ioThreads(1).resolver(blocking));
  }

  @AfterEach
  void stop() {
    gateway.close();
    stub.close();
  }

  private CompletableFuture<HttpResponse<String>> get(String path) {
    return client.sendAsync(HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBlockingResolverDelaysOnlyItsOwnRequest() throws Exception {
    CompletableFuture<HttpResponse<String>> slow = get("/slow-dns/x");
    assertThat(resolverEntered.await(10, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> fast = get("/fast/y").get(10, TimeUnit.SECONDS);
    assertThat(fast.statusCode()).isEqualTo(200);
    assertThat(slow).isNotDone();
    assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aSleepingLogPhaseDelaysNoRequest() throws Exception {
    assertThat(get("/slow-log/a").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(logEntered.await(10, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> next = get("/fast/b").get(10, TimeUnit.SECONDS);
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(logDone.getCount()).as("the log phase was still sleeping").isEqualTo(1);
    assertThat(logDone.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
