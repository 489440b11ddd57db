package dev.llmgateway.internal.plugins.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** max_bytes counts an entry's UTF-8 size without encoding it; the count must equal the encoder's. */
class LogQueueSizeTest {
  @Test
  void countsWhatTheEncoderWrites() {
    for (String s : new String[] {"", "{\"a\":1}", "héllo", "日本語", "emoji \uD83D\uDE00 end", "lone \uD800 high",
        "lone \uDC00 low", "\uDBFF\uDFFF", "end \uD83D", "\u007f\u0080\u07ff\u0800\uffff"}) {
      assertThat(LogQueue.size(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
