package dev.llmgateway.internal.llm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Not a test: a warm loop timing {@link RequestScan} on an 8 KiB chat body whose {@code model} comes last (the
 * worst case), printing p50/p99/p99.9. Run after {@code mvn -o -q -pl gateway-core test-compile}:
 * {@code java -cp gateway-core/target/classes:gateway-core/target/test-classes:$(ls ~/.m2/repository/com/google/code/gson/gson/*\/gson-*.jar | head -1) dev.llmgateway.internal.llm.ModelExtractionLoop}.
 */
public final class ModelExtractionLoop {
  private ModelExtractionLoop() {}

  public static void main(String[] args) {
    StringBuilder b = new StringBuilder("{\"messages\":[");
    while (b.length() < 8 * 1024 - 60) {
      b.append("{\"role\":\"user\",\"content\":\"The quick brown fox jumps over the lazy dog\"},");
    }
    b.setLength(b.length() - 1);
    b.append("],\"stream\":true,\"model\":\"meta-llama/Llama-3.1-8B\"}");
    byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
    long[] samples = new long[100_000];
    String model = null;
    for (int round = 0; round < 5; round++) { // rounds before the last warm the JIT
      for (int i = 0; i < samples.length; i++) {
        long t = System.nanoTime();
        model = RequestScan.of(body).model();
        samples[i] = System.nanoTime() - t;
      }
    }
    Arrays.sort(samples);
    System.out.printf("model %s from a %d-byte body: p50 %.2f us, p99 %.2f us, p99.9 %.2f us%n", model,
        body.length, samples[samples.length / 2] / 1e3, samples[(int) (samples.length * 0.99)] / 1e3,
        samples[(int) (samples.length * 0.999)] / 1e3);
  }
}
