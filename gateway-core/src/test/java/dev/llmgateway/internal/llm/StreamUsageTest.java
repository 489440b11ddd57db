package dev.llmgateway.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamUsageTest {
  private static final String DELTA = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}";
  private static final String USAGE = "data: {\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,"
      + "\"completion_tokens\":2,\"total_tokens\":3}}";

  /** The filter's output for {@code stream} fed in pieces of {@code step} bytes. */
  private static String filter(String stream, int step) {
    StreamUsage f = new StreamUsage();
    byte[] in = stream.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < in.length; i += step) {
      ByteBuffer b = f.rewrite(ByteBuffer.wrap(in, i, Math.min(step, in.length - i)).slice().asReadOnlyBuffer());
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      out.writeBytes(chunk);
    }
    ByteBuffer tail = f.finish();
    if (tail != null) {
      byte[] rest = new byte[tail.remaining()];
      tail.get(rest);
      out.writeBytes(rest);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theUsageChunkIsDroppedAndEverythingElseIsByteIdenticalHoweverSplit() {
    for (String eol : new String[] {"\n", "\r\n", "\r"}) {
      String e = eol + eol;
      String in = ": keep-alive" + e + DELTA + e + "event: x" + eol + DELTA + e + USAGE + e + "data: [DONE]" + e;
      String expected = ": keep-alive" + e + DELTA + e + "event: x" + eol + DELTA + e + "data: [DONE]" + e;
      for (int step = 1; step <= in.length(); step++) {
        assertThat(filter(in, step)).as("eol %s step %d", eol.replace("\r", "CR").replace("\n", "LF"), step)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void wholeEventsWithoutUsagePassUncopiedAndTheUsageChunkIsStillDroppedHoweverSplit() {
    String plain = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
    String in = plain + plain + ": ping\n\n" + USAGE + "\n\n" + "data: [DONE]\n\n";
    String expected = plain + plain + ": ping\n\n" + "data: [DONE]\n\n";
    for (int step = 1; step <= in.length(); step++) {
      assertThat(filter(in, step)).as("step %d", step).isEqualTo(expected);
    }
    // One whole event per chunk, the way engines send them: handed on as the very buffer that came in.
    StreamUsage f = new StreamUsage();
    ByteBuffer chunk = ByteBuffer.wrap(plain.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    assertThat(f.rewrite(chunk)).isSameAs(chunk);
    ByteBuffer usage = ByteBuffer.wrap((USAGE + "\n\n").getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    assertThat(f.rewrite(usage).remaining()).isZero();
    assertThat(f.rewrite(chunk.rewind())).isSameAs(chunk);
  }

  @Test
  void usageWithChoicesOrUsageNullIsKept() {
    String in = DELTA + "\n\ndata: {\"choices\":[{\"delta\":{}}],\"usage\":{\"prompt_tokens\":1}}\n\n";
    assertThat(filter(in, 7)).isEqualTo(in);
  }

  @Test
  void anUnfinishedLastEventIsSentAsItCame() {
    String in = DELTA + "\n\ndata: {\"choi";
    assertThat(filter(in, 5)).isEqualTo(in);
  }

  @Test
  void aHugeEventTurnsTheFilterIntoAPassThrough() {
    String in = "data: " + "x".repeat(StreamUsage.MAX_EVENT + 100_000) + "\n\n" + USAGE + "\n\n";
    String out = filter(in, 64 * 1024);
    int diff = 0;
    while (diff < Math.min(in.length(), out.length()) && in.charAt(diff) == out.charAt(diff)) {
      diff++;
    }
    assertThat(out.length() + " bytes, first difference at " + diff)
        .isEqualTo(in.length() + " bytes, first difference at " + in.length());
  }
}
