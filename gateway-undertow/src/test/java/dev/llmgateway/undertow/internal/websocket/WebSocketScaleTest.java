package dev.llmgateway.undertow.internal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 1,000 WebSocket tunnels open at once through a real gateway, a message echoed on each; the clients and the echo
 * server run in another JVM ({@link ScalePeer}) so that this JVM's heap growth is the gateway's. Asserts a loose
 * bound on the heap each open tunnel retains and prints the figures (heap and RSS per connection).
 */
class WebSocketScaleTest {
  private static final int CONNECTIONS = 1000;
  /** Loose on purpose: a tunnel holds two connections' objects and no buffer; about 8.5 KiB was measured. */
  private static final long MAX_HEAP_PER_CONNECTION = 96 * 1024;

  @Test
  void aThousandConcurrentTunnelsEachCarryAMessageWithBoundedHeapPerConnection() throws Exception {
    Process peer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ScalePeer.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader from = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter to = new PrintWriter(peer.getOutputStream(), true, StandardCharsets.UTF_8);
      String echo = from.readLine();
      assertThat(echo).startsWith("ECHO ");
      TestConfig cfg = TestConfig.with();
      UUID service = cfg.service("echo", "http://127.0.0.1:" + echo.substring(5));
      cfg.route(service, Map.of("paths", List.of("/ws"), "strip_path", false));
      try (GatewayHarness g = GatewayHarness.start(cfg.snapshot())) {
        long heapBefore = usedHeapAfterGc();
        long rssBefore = rssBytes();
        to.println("GATEWAY " + g.port() + " " + CONNECTIONS);
        String open = from.readLine();
        assertThat(open).isEqualTo("OPEN " + CONNECTIONS + " " + CONNECTIONS);
        assertThat(g.gateway().inFlight()).isEqualTo(CONNECTIONS);
        long heapOpen = usedHeapAfterGc();
        long rssOpen = rssBytes();
        long heapPer = (heapOpen - heapBefore) / CONNECTIONS;
        long rssPer = (rssOpen - rssBefore) / CONNECTIONS;
        System.out.printf("websocket scale: %d tunnels open: gateway heap %+d KiB (%d bytes/connection), RSS %+d KiB "
            + "(%d bytes/connection)%n", CONNECTIONS, (heapOpen - heapBefore) / 1024, heapPer,
            (rssOpen - rssBefore) / 1024, rssPer);
        to.println("CLOSE");
        assertThat(from.readLine()).isEqualTo("CLOSED");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (g.gateway().inFlight() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(g.gateway().inFlight()).as("every tunnel ended when its client left").isZero();
        assertThat(heapPer).isLessThan(MAX_HEAP_PER_CONNECTION);
      }
    } finally {
      peer.destroyForcibly();
      peer.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static long rssBytes() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }
}
