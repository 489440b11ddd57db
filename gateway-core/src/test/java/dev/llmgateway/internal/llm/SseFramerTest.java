package dev.llmgateway.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramerTest {
  private final List<String> events = new ArrayList<>();
  private final SseFramer framer = new SseFramer(
      (data, length, oversized) -> events.add((oversized ? "!" : "") + new String(data, 0, length,
          StandardCharsets.UTF_8)));

  private void feed(String text) {
    framer.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
  }

  @Test
  void eventsSplitAnywhereGiveTheSameData() {
    String stream = "data: {\"a\":1}\n\n: comment\nevent: x\nid: 7\ndata: two\ndata:lines\n\ndata: [DONE]\n\n";
    for (int split = 0; split <= stream.length(); split++) {
      events.clear();
      feed(stream.substring(0, split));
      feed(stream.substring(split));
      assertThat(events).as("split at %d", split).containsExactly("{\"a\":1}", "two\nlines", "[DONE]");
    }
  }

  @Test
  void byteByByteWithCrLfAndBareCr() {
    String stream = "data: one\r\n\r\ndata: two\r\rdata\n\n";
    for (char c : stream.toCharArray()) {
      feed(String.valueOf(c));
    }
    assertThat(events).containsExactly("one", "two", "");
  }

  @Test
  void anUnfinishedEventIsNotDispatchedAndIsPending() {
    feed("data: {\"x\":");
    assertThat(events).isEmpty();
    assertThat(framer.midEvent()).isTrue();
    feed("1}\n\n");
    assertThat(events).containsExactly("{\"x\":1}");
    assertThat(framer.midEvent()).isFalse();
  }

  @Test
  void onlyTheDataFieldCounts() {
    feed("dat: no\ndatax: no\n data: no\n\ndata: yes\n\n");
    assertThat(events).containsExactly("yes");
  }

  @Test
  void anOversizedEventIsCappedAndFlagged() {
    StringBuilder big = new StringBuilder("data: ");
    big.append("x".repeat(SseFramer.MAX_DATA + 10)).append("\n\ndata: small\n\n");
    feed(big.toString());
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).startsWith("!");
    assertThat(events.get(1)).isEqualTo("small");
  }
}
