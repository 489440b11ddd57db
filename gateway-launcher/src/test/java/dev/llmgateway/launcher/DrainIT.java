package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM while a stream is open: the stream gets its last event, /status says 503 meanwhile, exit status 0. */
class DrainIT {
  static final String STREAM = "{\"model\":\"m\",\"messages\":[],\"stream\":true}";

  @TempDir
  Path work;

  @Test
  void sigtermLetsTheOpenStreamFinishThenExitsZero() throws Exception {
    Http http = new Http();
    try (FakeLlm vllm = new FakeLlm("vllm");
        GatewayJarProcess gateway = GatewayJarProcess.start(Map.of("VLLM_URL", vllm.url()), work,
            "--proxy-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--data-dir", "data",
            "--drain-timeout", "30s")) {
      try (Http.Lines lines = http.stream(gateway.proxy("/v1/vllm/v1/chat/completions"), STREAM)) {
        vllm.awaitStream(Duration.ofSeconds(10));
        vllm.send("first");
        assertThat(lines.nextData()).isEqualTo("first");
        assertThat(http.get(gateway.admin("/status")).statusCode()).isEqualTo(200);

        gateway.terminate();
        gateway.awaitLine(java.util.regex.Pattern.compile("draining"), 10);
        assertThat(http.get(gateway.admin("/status")).statusCode()).isEqualTo(503);
        assertThat(gateway.isAlive()).isTrue();

        vllm.send("second");
        assertThat(lines.nextData()).isEqualTo("second");
        vllm.send("[DONE]");
        assertThat(lines.nextData()).isEqualTo("[DONE]");
        assertThat(lines.nextData()).isNull();
      }
      assertThat(gateway.awaitExit(10)).isZero();
      assertThat(gateway.output()).contains("stopped");
    }
  }

  @Test
  void idleKeepAliveConnectionsDoNotHoldTheDrain() throws Exception {
    try (FakeLlm vllm = new FakeLlm("vllm");
        GatewayJarProcess gateway = GatewayJarProcess.start(Map.of("VLLM_URL", vllm.url()), work,
            "--proxy-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--data-dir", "data",
            "--drain-timeout", "60s");
        Socket idle = new Socket("127.0.0.1", gateway.proxy("/").getPort())) {
      idle.setSoTimeout(10_000);
      idle.getOutputStream().write(("GET /v1/vllm/v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] head = new byte[12];
      assertThat(idle.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      // The connection stays open and idle; with a 60 s drain timeout, an exit well before it shows the idle
      // connection did not count as a request in flight.
      long started = System.nanoTime();
      gateway.terminate();
      assertThat(gateway.awaitExit(10)).isZero();
      System.out.printf("idle drain: exited %d ms after SIGTERM%n", (System.nanoTime() - started) / 1_000_000);
    }
  }
}
