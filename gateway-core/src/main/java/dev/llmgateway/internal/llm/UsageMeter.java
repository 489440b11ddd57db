package dev.llmgateway.internal.llm;

import dev.llmgateway.plugin.BodyObserver;
import dev.llmgateway.plugin.RequestState;
import dev.llmgateway.plugin.ResponseContext;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Reads token usage from a response as it passes, without buffering it: an SSE stream event by event (the usage
 * chunk, output events for time to first token and for an estimate when usage never comes), or a JSON body with
 * the streaming reader. At the end it publishes {@link LlmStats} under {@link LlmStats#KEY} (and, when the access
 * phase left a {@link PayloadCapture}, the capped bodies under {@link LlmPayloads#KEY}). Runs on the IO thread.
 */
public final class UsageMeter implements BodyObserver {
  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

  private final LlmRequest request;
  private final RequestState ctx;
  private final boolean sse;
  private final boolean counting;
  private final SseFramer framer;
  private final PayloadCapture capture;
  private final UsageReader reader = new UsageReader();
  private long firstByteNanos;
  private long firstOutputNanos;
  private long outputEvents;
  private boolean done;
  private boolean malformed;
  /** The framer holds no unfinished event: kept here so an ordinary chunk reads no field of the framer. */
  private boolean framerIdle = true;
  private String responseModel;
  private long prompt = -1;
  private long completion = -1;
  private long total = -1;
  private boolean ended;

  private UsageMeter(LlmRequest request, RequestState ctx, boolean sse, boolean counting) {
    this.request = request;
    this.capture = ctx.get(PayloadCapture.KEY);
    this.ctx = ctx;
    this.sse = sse;
    this.counting = counting;
    this.framer = sse ? new SseFramer(this::event) : null;
  }

  /** The meter for a response whose request an LLM plugin read ({@link LlmRequest#KEY}), else null. */
  public static UsageMeter of(ResponseContext ctx) {
    LlmRequest request = ctx.get(LlmRequest.KEY);
    return request == null ? null : of(request, ctx);
  }

  /**
   * The meter for this response: an SSE stream when the upstream says {@code text/event-stream}, else a JSON body.
   * A response with a content coding, or an error status, is not read (its tokens count as zero).
   */
  public static UsageMeter of(LlmRequest request, ResponseContext ctx) {
    String type = ctx.responseHeaders().first("Content-Type");
    boolean sse = type != null && type.regionMatches(true, 0, "text/event-stream", 0, 17);
    String coding = ctx.responseHeaders().first("Content-Encoding");
    boolean plain = coding == null || coding.equalsIgnoreCase("identity");
    return new UsageMeter(request, ctx, sse, plain && ctx.status() < 400);
  }

  @Override
  public void onChunk(ByteBuffer chunk) {
    if (firstByteNanos == 0) {
      firstByteNanos = System.nanoTime();
    }
    if (capture != null) {
      capture.append(chunk);
    }
    if (!counting) {
      return;
    }
    if (sse) {
      frame(chunk);
    } else if (!reader.failed()) {
      reader.feed(chunk);
    }
  }

  /**
   * Feeds the framer, except for the chunk most of a stream is made of once its model and first output are known:
   * one event, {@code data: {"...}} and an empty line, that mentions no usage. That one is counted as output after
   * a scan for line ends and one for usage, without the framer's state machine: on a relay of many streams this
   * runs for every token, and it is what the default LLM route costs beyond a bare proxy.
   */
  private void frame(ByteBuffer chunk) {
    byte[] b = ArrayFeed.copied(chunk);
    if (b == null) {
      framer.feed(chunk);
    } else {
      int n = chunk.remaining();
      if (firstOutputNanos != 0 && responseModel != null && framerIdle && oneOutputEvent(b, n)) {
        outputEvents++;
        return;
      }
      framer.feed(b, 0, n);
    }
    framerIdle = !framer.midEvent();
  }

  /** Whether {@code [0, n)} is one whole event, {@code data: {"...}}, with no usage in it (what the framer counts). */
  private static boolean oneOutputEvent(byte[] b, int n) {
    if (n < 11 || b[0] != 'd' || b[1] != 'a' || b[2] != 't' || b[3] != 'a' || b[4] != ':' || b[5] != ' '
        || b[6] != '{' || b[7] != '"' || b[n - 3] != '}' || b[n - 2] != '\n' || b[n - 1] != '\n') {
      return false;
    }
    for (int i = 8; i < n - 3; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return false;
      }
    }
    return !UsageReader.mentionsUsage(b, 8, n - 3);
  }

  private void event(byte[] data, int off, int length, boolean oversized) {
    if (oversized) {
      countOutput(); // a huge event is output, not the small usage chunk
      return;
    }
    int end = off + length;
    if (length == DONE.length && java.util.Arrays.equals(data, off, end, DONE, 0, DONE.length)) {
      done = true;
      return;
    }
    if (firstOutputNanos != 0 && responseModel != null && !UsageReader.mentionsUsage(data, off, end)) {
      // Past the first output, an event that does not mention usage can change nothing but the output count: it is
      // counted without a parse (a parse costs more than the rest of the relay's work on the chunk). A cheap check
      // still catches what breaks a stream in practice: a cut or non-object event.
      if (looksLikeObject(data, off, end)) {
        countOutput();
      } else {
        malformed = true;
      }
      return;
    }
    reader.reset();
    reader.feed(data, off, length);
    if (!reader.complete()) {
      malformed = true;
      return;
    }
    if (responseModel == null) {
      responseModel = reader.model();
    }
    if (reader.hasUsage()) {
      takeUsage();
    }
    if (reader.hasOutput()) {
      countOutput();
    }
  }

  /**
   * Whether {@code [off, end)} is an object that opens with a key and closes: not proof of JSON, but a cut or a
   * stray line fails it.
   */
  private static boolean looksLikeObject(byte[] b, int off, int end) {
    int from = off;
    int to = end - 1;
    while (from < end && UsageReader.whitespace(b[from])) {
      from++;
    }
    while (to > from && UsageReader.whitespace(b[to])) {
      to--;
    }
    if (to - from < 1 || b[from] != '{' || b[to] != '}') {
      return false;
    }
    int next = from + 1;
    while (next < to && UsageReader.whitespace(b[next])) {
      next++;
    }
    return next == to || b[next] == '"';
  }

  private void countOutput() {
    outputEvents++;
    if (firstOutputNanos == 0) {
      firstOutputNanos = System.nanoTime();
    }
  }

  private void takeUsage() {
    if (reader.promptTokens() >= 0) {
      prompt = reader.promptTokens();
    }
    if (reader.completionTokens() >= 0) {
      completion = reader.completionTokens();
    }
    if (reader.totalTokens() >= 0) {
      total = reader.totalTokens();
    }
  }

  @Override
  public void onEnd(boolean complete) {
    if (ended) {
      return;
    }
    ended = true;
    ctx.put(LlmStats.KEY, stats(complete, System.nanoTime()));
    if (capture != null) {
      ctx.put(LlmPayloads.KEY, capture.payloads());
    }
  }

  /** The figures as of now; {@code complete} tells whether the body ended normally. */
  LlmStats stats(boolean complete, long endNanos) {
    if (!sse && counting) {
      if (reader.complete()) {
        responseModel = reader.model();
        if (reader.hasUsage()) {
          takeUsage();
        }
      } else {
        malformed = true;
      }
    }
    boolean usage = prompt >= 0 || completion >= 0 || total >= 0;
    boolean partial = counting && (!complete || malformed || (sse && (!done || framer.midEvent())) || !usage);
    long p = prompt >= 0 ? prompt : counting && !usage ? request.promptEstimate() : 0;
    long c = completion >= 0 ? completion : counting && sse ? outputEvents : 0;
    if (!complete && sse && outputEvents > c) {
      c = outputEvents; // cut short: at least what was delivered
    }
    long t = total >= 0 && complete && !partial ? total : saturatedAdd(p, c);
    double ttft = -1;
    double tpot = -1;
    if (sse) {
      if (firstOutputNanos != 0) {
        ttft = millis(firstOutputNanos - request.startNanos());
        if (c > 1) {
          tpot = millis(endNanos - firstOutputNanos) / (c - 1);
        }
      }
    } else if (firstByteNanos != 0) {
      ttft = millis(firstByteNanos - request.startNanos());
      if (c > 0) {
        tpot = millis(endNanos - request.startNanos()) / c;
      }
    }
    String model = responseModel != null ? responseModel : request.model();
    return new LlmStats(request.provider(), request.model(), model, p, c, t, ttft, tpot, sse, partial);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private static double millis(long nanos) {
    return Math.max(0, nanos) / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
