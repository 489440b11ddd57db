package dev.llmgateway.internal.llm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Not a test: a warm loop timing the core's share of usage accounting per SSE chunk — {@link UsageMeter#onChunk}
 * (framer and JSON reader) and {@link StreamUsage#rewrite} (the usage-chunk filter) — on vLLM-like chunks of one
 * event each, without the proxy around them. Prints ns per chunk for each. Run with
 * {@code scripts/model-extraction.sh sse} (see docs/benchmarks.md).
 */
public final class SseAccountingLoop {
  private SseAccountingLoop() {}

  public static void main(String[] args) {
    byte[] chunk = ("data: {\"id\":\"chatcmpl-bench0000000000000000000000\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},"
        + "\"logprobs\":null,\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
    LlmRequest request = new LlmRequest("openai", "bench-model", true, false, true, 10, 100, System.nanoTime(), true);
    // The gateway hands observers and rewriters read-only views of a direct buffer (the socket reads into one), and
    // only those: a JVM that also sees heap buffers in the same code compiles it for both and runs slower, so one
    // kind is timed per run ("heap" as an argument times heap buffers instead).
    if (args.length > 0 && args[0].equals("heap")) {
      time("heap", chunk.length, request, () -> ByteBuffer.wrap(chunk).asReadOnlyBuffer());
    } else {
      ByteBuffer direct = ByteBuffer.allocateDirect(chunk.length).put(chunk).flip();
      ByteBuffer view = direct.asReadOnlyBuffer();
      time("direct", chunk.length, request, () -> view.limit(chunk.length).position(0));
    }
  }

  private static void time(String kind, int length, LlmRequest request,
      java.util.function.Supplier<ByteBuffer> chunks) {
    int perStream = 400;
    long[] meter = new long[200];
    long[] filter = new long[200];
    long sink = 0;
    for (int round = 0; round < 5; round++) {
      for (int s = 0; s < meter.length; s++) {
        UsageMeterTest.Response r = new UsageMeterTest.Response(200, "text/event-stream");
        UsageMeter m = UsageMeter.of(request, r);
        long t = System.nanoTime();
        for (int i = 0; i < perStream; i++) {
          m.onChunk(chunks.get());
        }
        meter[s] = System.nanoTime() - t;
        StreamUsage f = new StreamUsage();
        t = System.nanoTime();
        for (int i = 0; i < perStream; i++) {
          sink += f.rewrite(chunks.get()).remaining();
        }
        filter[s] = System.nanoTime() - t;
      }
    }
    Arrays.sort(meter);
    Arrays.sort(filter);
    System.out.printf("%d-byte events in %s buffers, median of %d streams of %d: usage meter %.0f ns/chunk, "
        + "usage-chunk filter %.0f ns/chunk (%d)%n", length, kind, meter.length, perStream,
        meter[meter.length / 2] / (double) perStream, filter[filter.length / 2] / (double) perStream, sink % 10);
  }
}
