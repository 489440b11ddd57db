package dev.llmgateway.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the {@link RecordingUpstream} answers: a status, header fields and a body. */
public record UpstreamReply(int status, Map<String, String> headers, byte[] body) {
  public UpstreamReply {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** A text reply. */
  public static UpstreamReply of(int status, String contentType, String body) {
    return new UpstreamReply(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  /** 200 with an {@code application/json} body. */
  public static UpstreamReply json(String body) {
    return of(200, "application/json", body);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
