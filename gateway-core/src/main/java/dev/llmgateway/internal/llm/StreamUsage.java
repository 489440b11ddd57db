package dev.llmgateway.internal.llm;

import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.ResponseContext;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Hides the usage chunk the gateway asked for ({@code stream_options.include_usage}) from a client that did not
 * ask for it: SSE events pass through byte for byte as soon as each is complete, except the one whose data is an
 * object with an empty {@code choices} array and a {@code usage} object, which is dropped. Only the event in
 * progress is held (up to {@link #MAX_EVENT} bytes; a larger one turns the filter into a plain pass-through).
 */
public final class StreamUsage implements BodyRewriter {
  /** The longest event held while waiting for its end. */
  static final int MAX_EVENT = 1 << 20;

  private final UsageReader reader = new UsageReader();
  private byte[] buf = new byte[1024];
  private int len;
  private int scanned;
  private int eventStart;
  private boolean lineEmpty = true;
  private boolean lastCr;
  private boolean passThrough;
  private boolean dropped;
  /** The bytes {@code [0, outLen)} of {@code buf} are this call's output; earlier events are moved down over a drop. */
  private int outLen;
  /** The view handed out for {@code [0, outLen)} of {@code buf}, made again only when {@code buf} grows. */
  private ByteBuffer out = ByteBuffer.wrap(buf);

  StreamUsage() {}

  /** The filter for a response whose request an LLM plugin read ({@link LlmRequest#KEY}), or null. */
  public static BodyRewriter hider(ResponseContext ctx) {
    LlmRequest request = ctx.get(LlmRequest.KEY);
    return request == null ? null : hider(request, ctx);
  }

  /** The filter for a response to {@code request}, or null when there is nothing to hide. */
  public static BodyRewriter hider(LlmRequest request, ResponseContext ctx) {
    if (!request.usageInjected() || ctx.status() != 200) {
      return null;
    }
    String type = ctx.responseHeaders().first("Content-Type");
    if (type == null || !type.regionMatches(true, 0, "text/event-stream", 0, 17)) {
      return null;
    }
    return new StreamUsage();
  }

  @Override
  public ByteBuffer rewrite(ByteBuffer chunk) {
    if (passThrough) {
      return chunk;
    }
    // The previous output was read by now (the contract of rewrite): only the event in progress moves down.
    compact();
    int n = chunk.remaining();
    if (len == 0 && lineEmpty && !lastCr && wholeEventsWithoutUsage(chunk, n)) {
      // Nothing held, and the chunk is whole events none of which mentions usage (most chunks of a stream): it
      // goes out as it came.
      dropped = false;
      return chunk;
    }
    return scan(chunk, n);
  }

  /**
   * Whether the chunk ends with an empty line, so at an event's end, and mentions no usage. Checked in the thread's
   * scratch copy, not this stream's buffer: on a relay of many streams, each stream's buffer is cold in the cache by
   * the time its next chunk comes, and writing into it cost more than the check.
   */
  private static boolean wholeEventsWithoutUsage(ByteBuffer chunk, int n) {
    int end = chunk.limit();
    if (n < 2 || chunk.get(end - 1) != '\n' || chunk.get(end - 2) != '\n') {
      return false;
    }
    byte[] copy = ArrayFeed.copied(chunk);
    return copy != null && !UsageReader.mentionsUsage(copy, 0, n);
  }

  /** Adds the chunk to the event in progress and sends on what it completes, less the usage chunk. */
  private ByteBuffer scan(ByteBuffer chunk, int n) {
    ensure(len + n);
    // The one copy per chunk, in bulk: the scans below read an array, never the buffer byte by byte
    chunk.get(chunk.position(), buf, len, n);
    len += n; // the output is sent from buf itself
    outLen = 0;
    scanEvents();
    if (len - eventStart > MAX_EVENT) {
      passThrough = true;
      emit(eventStart, len);
      eventStart = len;
    }
    return out.limit(outLen).position(0);
  }

  @Override
  public ByteBuffer finish() {
    compact();
    if (passThrough || len == 0) {
      return null;
    }
    ByteBuffer rest = ByteBuffer.wrap(buf, 0, len);
    len = 0;
    scanned = 0;
    return rest;
  }

  /** Finds the events completed by the new bytes: an empty line (CR, LF or CRLF) ends one. */
  private void scanEvents() {
    int i = scanned;
    while (i < len) {
      byte c = buf[i];
      if (c != '\n' && c != '\r') {
        // The rest of the line in one tight loop: most of a chunk is event text.
        int j = i + 1;
        while (j < len && buf[j] != '\n' && buf[j] != '\r') {
          j++;
        }
        lastCr = false;
        lineEmpty = false;
        i = j;
        continue;
      }
      if (c == '\n' && lastCr) {
        lastCr = false;
        if (eventStart == i) {
          eventStart = i + 1; // the LF of the CRLF that ended the previous event goes where that event went
          if (!dropped) {
            emit(i, i + 1);
          }
        }
        i++;
        continue;
      }
      lastCr = c == '\r';
      if (lineEmpty) {
        event(eventStart, i + 1);
        eventStart = i + 1;
      }
      lineEmpty = true;
      i++;
    }
    scanned = len;
  }

  /** One complete event, {@code [from, to)}: sent unless it is the usage chunk. */
  private void event(int from, int to) {
    dropped = isUsageChunk(from, to);
    if (!dropped) {
      emit(from, to);
    }
  }

  private boolean isUsageChunk(int from, int to) {
    if (!UsageReader.mentionsUsage(buf, from, to)) {
      return false;
    }
    int data = dataStart(from, to);
    if (data < 0) {
      return false;
    }
    int end = data;
    while (end < to && buf[end] != '\n' && buf[end] != '\r') {
      end++;
    }
    reader.reset();
    reader.feed(buf, data, end - data);
    return reader.complete() && reader.hasUsage() && reader.choicesEmpty();
  }

  /** Where the value of an event's single {@code data} line starts, or -1 when the event is not just that. */
  private int dataStart(int from, int to) {
    if (to - from < 6 || buf[from] != 'd' || buf[from + 1] != 'a' || buf[from + 2] != 't' || buf[from + 3] != 'a'
        || buf[from + 4] != ':') {
      return -1;
    }
    return buf[from + 5] == ' ' ? from + 6 : from + 5;
  }

  /**
   * Appends {@code [from, to)} to this call's output. Events are emitted in order and {@code outLen <= from}, so
   * bytes move only after a dropped event, and never over bytes not yet scanned.
   */
  private void emit(int from, int to) {
    int n = to - from;
    if (from != outLen) {
      System.arraycopy(buf, from, buf, outLen, n);
    }
    outLen += n;
  }

  /** Moves the event in progress to the front of the buffer. */
  private void compact() {
    if (eventStart == 0) {
      return;
    }
    int keep = len - eventStart;
    System.arraycopy(buf, eventStart, buf, 0, keep);
    len = keep;
    scanned = keep;
    eventStart = 0;
  }

  private void ensure(int capacity) {
    if (capacity > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, capacity));
      out = ByteBuffer.wrap(buf);
    }
  }
}
