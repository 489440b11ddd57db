package dev.llmgateway.internal.plugins.prometheus;

import java.time.Duration;

/** The histogram boundaries, exactly as Kong's exporter and the OpenTelemetry GenAI conventions give them. */
final class Buckets {
  /** Kong's {@code kong_kong_latency_ms}. */
  static final double[] KONG_LATENCY_MS = {1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000};
  /** Kong's {@code kong_upstream_latency_ms} and {@code kong_request_latency_ms}. */
  static final double[] UPSTREAM_LATENCY_MS = {25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000,
      60000};
  /** Kong's {@code kong_ai_llm_provider_latency_ms}. */
  static final double[] AI_LATENCY_MS = {250, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 10000,
      30000, 60000};
  /** OTel {@code gen_ai.client.token.usage}. */
  static final double[] TOKENS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
      67108864};
  /** OTel {@code gen_ai.client.operation.duration} and {@code gen_ai.server.request.duration}. */
  static final Duration[] DURATION = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
      20.48, 40.96, 81.92);
  /** OTel {@code gen_ai.server.time_to_first_token}. */
  static final Duration[] TTFT = seconds(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5,
      5.0, 7.5, 10.0);
  /** OTel {@code gen_ai.server.time_per_output_token}. */
  static final Duration[] TPOT = seconds(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5);
  /** The gateway's own overhead (measured in whole milliseconds), fine at the low end where a proxy's time is. */
  static final Duration[] OVERHEAD = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0);

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return out;
  }

  private Buckets() {}
}
