package dev.llmgateway.internal.llm;

import java.util.Arrays;

/**
 * Splits a server-sent event stream, fed in pieces of any size, into the data of its events (WHATWG rules: lines
 * end in CR, LF or CRLF; {@code data} lines join with LF; one space after the colon is dropped; an empty line ends
 * the event). It keeps only the data of the event in progress, capped at {@link #MAX_DATA} (the rest of a larger
 * event is dropped and the event is reported as oversized), never the stream. An event whose one data line lies
 * whole in the bytes of one call is handed over where it lies, uncopied: each stream's own data array is then not
 * touched at all, and on a relay of many streams that array is cold in the cache by the time the next chunk
 * comes.
 */
final class SseFramer implements ArrayFeed {
  /** The most data bytes kept of one event; OpenAI chunks are a few hundred bytes. */
  static final int MAX_DATA = 1 << 20;
  private static final byte[] DATA = {'d', 'a', 't', 'a'};

  /** Receives each complete event's data, {@code [off, off + length)} of the array, valid only during the call. */
  interface Sink {
    void event(byte[] data, int off, int length, boolean oversized);
  }

  private enum Line { START, FIELD, SPACE, VALUE, SKIP }

  private final Sink sink;
  private byte[] data = new byte[512];
  private int dataLen;
  /** The event's data while it is one run of the caller's array, not yet copied into {@code data}; else null. */
  private byte[] run;
  private int runOff;
  private int runLen;
  private boolean hasData;
  private boolean oversized;
  private Line line = Line.START;
  private int fieldLen;
  private boolean fieldIsData;
  private boolean lastWasCr;

  SseFramer(Sink sink) {
    this.sink = sink;
  }

  /** True when bytes of an unfinished event are pending. */
  boolean midEvent() {
    return hasData || line != Line.START;
  }

  /** Reads {@code len} bytes of {@code b} from {@code off}, carrying any unfinished line or event to the next call. */
  @Override
  public void feed(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        boolean crlfTail = c == '\n' && lastWasCr;
        lastWasCr = c == '\r';
        i++;
        if (!crlfTail) {
          endLine();
        }
        continue;
      }
      lastWasCr = false;
      if (line == Line.VALUE) {
        // Copy the run up to the end of the line in one go: the hot path of a data line.
        int j = i;
        while (j < end && b[j] != '\n' && b[j] != '\r') {
          j++;
        }
        append(b, i, j - i);
        i = j;
        continue;
      }
      if (line == Line.SKIP) {
        i++;
        continue;
      }
      lineByte(c);
      i++;
    }
    if (run != null) {
      keepRun(); // the caller's array is about to be reused
    }
  }

  private void lineByte(byte c) {
    switch (line) {
      case START -> {
        if (c == ':') {
          line = Line.SKIP; // a comment
          return;
        }
        line = Line.FIELD;
        fieldLen = 0;
        fieldIsData = true;
        field(c);
      }
      case FIELD -> {
        if (c == ':') {
          if (isDataField()) {
            beginDataLine();
            line = Line.SPACE;
          } else {
            line = Line.SKIP;
          }
          return;
        }
        field(c);
      }
      case SPACE -> {
        line = Line.VALUE;
        if (c != ' ') {
          appendByte(c);
        }
      }
      default -> { }
    }
  }

  private void field(byte c) {
    fieldIsData = fieldIsData && fieldLen < DATA.length && DATA[fieldLen] == c;
    fieldLen++;
  }

  private boolean isDataField() {
    return fieldIsData && fieldLen == DATA.length;
  }

  private void endLine() {
    if (line == Line.START) {
      dispatch();
    } else if (line == Line.FIELD && isDataField()) {
      beginDataLine(); // "data" without a colon: an empty data line
    }
    line = Line.START;
  }

  /** A data line begins; lines after an event's first are joined by LF. */
  private void beginDataLine() {
    if (hasData) {
      appendByte((byte) '\n');
    }
    hasData = true;
  }

  private void append(byte[] b, int index, int len) {
    if (dataLen == 0 && run == null && !oversized && len <= MAX_DATA) {
      run = b;
      runOff = index;
      runLen = len;
      return;
    }
    if (run != null) {
      keepRun();
    }
    if (room(len)) {
      System.arraycopy(b, index, data, dataLen, len);
      dataLen += len;
    }
  }

  private void appendByte(byte c) {
    if (run != null) {
      keepRun();
    }
    if (room(1)) {
      data[dataLen++] = c;
    }
  }

  /** Copies the data held in place into {@code data}. */
  private void keepRun() {
    byte[] b = run;
    run = null;
    if (room(runLen)) {
      System.arraycopy(b, runOff, data, dataLen, runLen);
      dataLen += runLen;
    }
  }

  /** Makes room for {@code len} more data bytes; false (and the event oversized) past {@link #MAX_DATA}. */
  private boolean room(int len) {
    if (dataLen + len > MAX_DATA) {
      oversized = true;
      return false;
    }
    if (dataLen + len > data.length) {
      data = Arrays.copyOf(data, Math.min(MAX_DATA, Math.max(data.length * 2, dataLen + len)));
    }
    return true;
  }

  private void dispatch() {
    if (!hasData) {
      return;
    }
    try {
      if (run != null) {
        sink.event(run, runOff, runLen, false);
      } else {
        sink.event(data, 0, dataLen, oversized);
      }
    } finally {
      run = null;
      dataLen = 0;
      hasData = false;
      oversized = false;
    }
  }
}
