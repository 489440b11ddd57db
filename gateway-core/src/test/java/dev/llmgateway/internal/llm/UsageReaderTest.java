package dev.llmgateway.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageReaderTest {
  private static UsageReader read(String json) {
    UsageReader r = new UsageReader();
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    r.feed(b, 0, b.length);
    return r;
  }

  /** The same document fed split at every byte gives the same answers. */
  private static void splitsAgree(String json) {
    UsageReader whole = read(json);
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    for (int split = 0; split <= b.length; split++) {
      UsageReader r = new UsageReader();
      r.feed(b, 0, split);
      r.feed(b, split, b.length - split);
      assertThat(r.complete()).isEqualTo(whole.complete());
      assertThat(r.model()).isEqualTo(whole.model());
      assertThat(r.promptTokens()).isEqualTo(whole.promptTokens());
      assertThat(r.completionTokens()).isEqualTo(whole.completionTokens());
      assertThat(r.totalTokens()).isEqualTo(whole.totalTokens());
      assertThat(r.hasOutput()).isEqualTo(whole.hasOutput());
    }
  }

  @Test
  void chatCompletion() {
    String body = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"llama-3-8b\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi \\\"there\\\"\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":25,\"completion_tokens\":12,\"total_tokens\":37,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":3}}}";
    UsageReader r = read(body);
    assertThat(r.complete()).isTrue();
    assertThat(r.model()).isEqualTo("llama-3-8b");
    assertThat(r.hasUsage()).isTrue();
    assertThat(r.promptTokens()).isEqualTo(25);
    assertThat(r.completionTokens()).isEqualTo(12);
    assertThat(r.totalTokens()).isEqualTo(37);
    assertThat(r.hasOutput()).isTrue();
    splitsAgree(body);
  }

  @Test
  void nestedModelKeysAndUsageLookalikesAreIgnored() {
    UsageReader r = read("{\"x\":{\"model\":\"inner\",\"usage\":{\"prompt_tokens\":99}},\"model\":\"outer\","
        + "\"choices\":[{\"message\":{\"content\":\"\"}}]}");
    assertThat(r.model()).isEqualTo("outer");
    assertThat(r.hasUsage()).isFalse();
    assertThat(r.promptTokens()).isEqualTo(-1);
    assertThat(r.hasOutput()).as("empty content is no output").isFalse();
  }

  @Test
  void streamChunks() {
    UsageReader delta = read("{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"tok\"},\"finish_reason\":null}],\"usage\":null}");
    assertThat(delta.hasOutput()).isTrue();
    assertThat(delta.hasUsage()).isFalse();
    assertThat(delta.choicesEmpty()).isFalse();
    UsageReader usage = read("{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,"
        + "\"total_tokens\":12}}");
    assertThat(usage.choicesEmpty()).isTrue();
    assertThat(usage.hasUsage()).isTrue();
    assertThat(usage.completionTokens()).isEqualTo(7);
    assertThat(read("{\"choices\":[{\"text\":\" Paris\",\"index\":0}]}").hasOutput()).isTrue();
    assertThat(read("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}").hasOutput()).isFalse();
    assertThat(read("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"}}]}}]}")
        .hasOutput()).isTrue();
  }

  @Test
  void embeddings() {
    UsageReader r = read("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"embedding\":[0.1,-2.5e-3],"
        + "\"index\":0}],\"model\":\"e5\",\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}");
    assertThat(r.complete()).isTrue();
    assertThat(r.model()).isEqualTo("e5");
    assertThat(r.promptTokens()).isEqualTo(4);
    assertThat(r.completionTokens()).isEqualTo(-1);
    assertThat(r.totalTokens()).isEqualTo(4);
  }

  @Test
  void notJsonFails() {
    assertThat(read("[DONE]").failed()).isTrue();
    assertThat(read("{\"a\" 1}").failed()).isTrue();
    assertThat(read("{\"a\":1,}").failed()).isTrue();
    assertThat(read("{\"a\":1}}").failed()).isTrue();
    assertThat(read("{\"a\":1").complete()).isFalse();
    assertThat(read("<html>").failed()).isTrue();
  }

  @Test
  void hugeAndOddCountsNeverGoNegative() {
    UsageReader r = read("{\"usage\":{\"prompt_tokens\":99999999999999999999999,\"completion_tokens\":-3,"
        + "\"total_tokens\":1.5}}");
    assertThat(r.promptTokens()).isPositive();
    assertThat(r.completionTokens()).isEqualTo(-1);
    assertThat(r.totalTokens()).isEqualTo(-1);
  }

  @Test
  void containersNobodyReadsAreSkippedWholeAtAnyCut() {
    // Brackets, an escaped quote and backslash, and "model" keys inside skipped containers must change nothing.
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"a ] } [ { \\\" \\\\\",\"model\":\"inner\"},"
        + "{\"x\":[[],{}]}],\"tools\":{\"model\":\"nested\"},\"model\":\"outer\",\"stream\":true,"
        + "\"max_tokens\":9}";
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= b.length; cut++) {
      UsageReader r = new UsageReader();
      r.feed(b, 0, cut);
      assertThat(r.complete()).as("a prefix of %d bytes is not a document", cut).isEqualTo(cut == b.length);
      r.feed(b, cut, b.length - cut);
      assertThat(r.complete()).as("cut at %d", cut).isTrue();
      assertThat(r.model()).as("cut at %d", cut).isEqualTo("outer");
      assertThat(r.streamTrue()).isTrue();
      assertThat(r.maxTokens()).isEqualTo(9);
    }
  }

  @Test
  void aNullUsageIsNoMentionOfUsage() {
    assertThat(mentions("{\"choices\":[],\"usage\":null}")).isFalse();
    assertThat(mentions("{\"usage\" :\tnull , \"x\":1}")).isFalse();
    assertThat(mentions("{\"a\":1}")).isFalse();
    assertThat(mentions("{\"usage\":{\"total_tokens\":3}}")).isTrue();
    assertThat(mentions("{\"usage\":nullish}")).isTrue();
    assertThat(mentions("{\"usage\":null,\"x\":{\"usage\":{}}}")).isTrue();
    assertThat(mentions("{\"usage\"")).as("cut before the value").isTrue();
    assertThat(mentions("{\"content\":\"usage\"}")).as("a string value is a mention too").isTrue();
  }

  private static boolean mentions(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return UsageReader.mentionsUsage(b, 0, b.length);
  }
}
