package dev.llmgateway.undertow.internal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A tunnel whose client reads nothing while the upstream sends as fast as it can: the gateway stops reading the
 * upstream once the client cannot take more, so the upstream's writes stall far short of what it meant to send
 * (only socket buffers fill, no gateway memory); once the client reads, the flow resumes.
 */
class BackPressureTest {
  private static final long TOTAL = 512L << 20;
  private static final int PAYLOAD = 0xffff; // the largest with a 16-bit length

  @Test
  void aClientThatDoesNotReadStallsTheUpstreamAndReadingResumesIt() throws Exception {
    AtomicLong written = new AtomicLong();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread upstream = new Thread(() -> flood(server, written), "flooding-upstream");
      upstream.setDaemon(true);
      upstream.start();
      TestConfig cfg = TestConfig.with();
      UUID service = cfg.service("flood", "http://127.0.0.1:" + server.getLocalPort());
      cfg.route(service, Map.of("paths", List.of("/ws"), "strip_path", false));
      try (GatewayHarness g = GatewayHarness.start(cfg.snapshot());
          RawWebSocket raw = RawWebSocket.open(g.port(), 64 * 1024)) {
        raw.write(RawWebSocket.handshake("/ws", ""));
        assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ");
        long stalledAt = awaitStall(written);
        System.out.printf("websocket back-pressure: upstream stalled after %d KiB%n", stalledAt / 1024);
        assertThat(stalledAt).as("the upstream's writes stalled well short of all it meant to send")
            .isLessThan(TOTAL / 4);
        raw.readBytes(8 << 20);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (written.get() <= stalledAt) {
          assertThat(System.nanoTime()).as("the upstream writes again once the client reads").isLessThan(deadline);
          Thread.sleep(10);
        }
      }
    }
  }

  /** Waits until the count has not moved for 500 ms (at most 20 s); returns it. */
  private static long awaitStall(AtomicLong written) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now = written.get();
      if (now != last) {
        last = now;
        since = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - since > 500_000_000L) {
        return now;
      }
      Thread.sleep(20);
    }
    return written.get();
  }

  /** Accepts one handshake, answers 101, then writes binary frames until {@link #TOTAL} or the socket fails. */
  private static void flood(ServerSocket server, AtomicLong written) {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      int state = 0;
      while (state < 4) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
            : (b == '\r' ? 1 : 0);
      }
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] frame = new byte[4 + PAYLOAD];
      frame[0] = (byte) 0x82;
      frame[1] = 126;
      frame[2] = (byte) (PAYLOAD >>> 8);
      frame[3] = (byte) PAYLOAD;
      while (written.get() < TOTAL) {
        out.write(frame);
        written.addAndGet(frame.length);
      }
    } catch (java.io.IOException e) {
      // the gateway closed the tunnel: the test is over
    }
  }
}
