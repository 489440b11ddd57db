package dev.llmgateway.plugin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What an access phase decided: go on to the next plugin and the upstream, answer the request now (a Kong-style
 * error or a full response), or decide later when a {@link CompletionStage} completes.
 */
public final class Verdict {
  /** The kinds of verdict. */
  public enum Kind { PROCEED, RESPOND, LATER }

  private static final Verdict PROCEED = new Verdict(Kind.PROCEED, 0, null, null, null, List.of(), null);

  private final Kind kind;
  private final int status;
  private final String message;
  private final byte[] body;
  private final String contentType;
  private final List<Map.Entry<String, String>> headers;
  private final CompletionStage<Verdict> later;

  private Verdict(Kind kind, int status, String message, byte[] body, String contentType,
      List<Map.Entry<String, String>> headers, CompletionStage<Verdict> later) {
    this.kind = kind;
    this.status = status;
    this.message = message;
    this.body = body;
    this.contentType = contentType;
    this.headers = headers;
    this.later = later;
  }

  /** Continue with the next plugin, then the upstream. */
  public static Verdict proceed() {
    return PROCEED;
  }

  /**
   * Answer with Kong's error body ({@code {"message":...,"request_id":...}}, or text/html/xml by the client's
   * Accept header), like {@code kong.response.error}.
   */
  public static Verdict error(int status, String message) {
    return new Verdict(Kind.RESPOND, checkStatus(status), Objects.requireNonNull(message, "message"), null, null,
        List.of(), null);
  }

  /** Answer with exactly this body. */
  public static Verdict respond(int status, String contentType, byte[] body) {
    return new Verdict(Kind.RESPOND, checkStatus(status), null, body.clone(), contentType, List.of(), null);
  }

  /** Answer with a UTF-8 text body. */
  public static Verdict respond(int status, String contentType, String body) {
    return respond(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Decide when {@code stage} completes (on any thread; the gateway returns to the request's IO thread). */
  public static Verdict later(CompletionStage<Verdict> stage) {
    return new Verdict(Kind.LATER, 0, null, null, null, List.of(), Objects.requireNonNull(stage, "stage"));
  }

  /** A copy of this responding verdict with one more response header. */
  public Verdict withHeader(String name, String value) {
    if (kind != Kind.RESPOND) {
      throw new IllegalStateException("only a responding verdict carries headers");
    }
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(Map.entry(name, value));
    return new Verdict(kind, status, message, body, contentType, List.copyOf(more), later);
  }

  private static int checkStatus(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status " + status);
    }
    return status;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  /** The Kong error message, when this is an error verdict; else null. */
  public String message() {
    return message;
  }

  /** The exact body of a full response; null for an error verdict. */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  public String contentType() {
    return contentType;
  }

  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  public CompletionStage<Verdict> later() {
    return later;
  }

  @Override
  public String toString() {
    return kind == Kind.RESPOND ? "Verdict[" + status + (message != null ? " " + message : "") + "]" : "Verdict[" + kind + "]";
  }
}
