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
      (data, off, length, oversized) -> events.add((oversized ? "!" : "") + new String(data, off, length,
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

  @Test
  void anEventWholeInOneCallIsHandedOverWhereItLies() {
    // The relay's many streams each keep a data array that is cold by their next chunk: the common event must not
    // be copied into it.
    byte[] chunk = "data: {\"a\":1}\n\ndata: two\ndata: lines\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    List<byte[]> arrays = new ArrayList<>();
    SseFramer inPlace = new SseFramer((data, off, length, oversized) -> {
      arrays.add(data);
      events.add(new String(data, off, length, StandardCharsets.UTF_8));
    });
    inPlace.feed(chunk, 0, chunk.length);
    assertThat(events).containsExactly("{\"a\":1}", "two\nlines", "[DONE]");
    assertThat(arrays.get(0)).isSameAs(chunk);
    assertThat(arrays.get(1)).isNotSameAs(chunk); // two lines are joined in the framer's own array
    assertThat(arrays.get(2)).isSameAs(chunk);
  }
}
