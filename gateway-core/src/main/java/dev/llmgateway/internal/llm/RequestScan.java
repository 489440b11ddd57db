package dev.llmgateway.internal.llm;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One pass over an OpenAI request body without building it: the top-level {@code model} (and where its bytes
 * are), {@code stream}, whether the client asked for stream usage, and {@code max_tokens}; then the smallest
 * byte edits that rename the model and ask for usage, leaving every other byte as the client sent it.
 */
public final class RequestScan {
  private final byte[] body;
  private final UsageReader reader = new UsageReader();

  private RequestScan(byte[] body) {
    this.body = body;
    reader.feed(body, 0, body.length);
  }

  /** Scans {@code body} (not copied; do not change it while the scan is used). */
  public static RequestScan of(byte[] body) {
    return new RequestScan(body);
  }

  /** True when the body is one complete JSON value. */
  public boolean json() {
    return reader.complete();
  }

  /** The top-level {@code model} string, or null. */
  public String model() {
    return reader.model();
  }

  public boolean stream() {
    return reader.streamTrue();
  }

  public boolean asksStreamUsage() {
    return reader.includeUsage();
  }

  public long maxTokens() {
    return reader.maxTokens();
  }

  /** About four bytes a token: the body's size, a ceiling on its text. */
  public long promptEstimate() {
    return (body.length + 3) / 4;
  }

  /**
   * The body with {@code model} renamed to {@code upstreamModel} (null: unchanged) and, when {@code askUsage},
   * {@code stream_options.include_usage} set; the original array when nothing changes.
   */
  @SuppressWarnings("unchecked")
  public byte[] rewrite(String upstreamModel, boolean askUsage) {
    boolean rename = upstreamModel != null && !upstreamModel.equals(model());
    if (!rename && !askUsage) {
      return body;
    }
    if (reader.modelEscaped() || (askUsage && reader.hasStreamOptions())) {
      // rare shapes: edit the document instead of its bytes
      Map<String, Object> doc = OpenAiBody.parse(body);
      if (doc == null) {
        return body;
      }
      if (rename) {
        doc.put("model", upstreamModel);
      }
      if (askUsage) {
        OpenAiBody.requestStreamUsage(doc);
      }
      return OpenAiBody.write(doc);
    }
    byte[] name = rename ? escape(upstreamModel) : null;
    byte[] usage = askUsage ? "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII)
        : null;
    int open = 0;
    while (open < body.length && body[open] != '{') {
      open++;
    }
    int from = (int) reader.modelFrom();
    int to = (int) reader.modelTo();
    int size = body.length + (usage == null ? 0 : usage.length) + (name == null ? 0 : name.length - (to - from));
    byte[] out = new byte[size];
    int o = 0;
    System.arraycopy(body, 0, out, o, open + 1);
    o += open + 1;
    if (usage != null) {
      System.arraycopy(usage, 0, out, o, usage.length);
      o += usage.length;
    }
    if (name != null) {
      System.arraycopy(body, open + 1, out, o, from - open - 1);
      o += from - open - 1;
      System.arraycopy(name, 0, out, o, name.length);
      o += name.length;
      System.arraycopy(body, to, out, o, body.length - to);
    } else {
      System.arraycopy(body, open + 1, out, o, body.length - open - 1);
    }
    return out;
  }

  private static byte[] escape(String s) {
    String json = dev.llmgateway.internal.json.Json.write(s);
    return json.substring(1, json.length() - 1).getBytes(StandardCharsets.UTF_8);
  }
}
