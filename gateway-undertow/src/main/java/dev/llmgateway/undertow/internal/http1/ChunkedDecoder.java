package dev.llmgateway.undertow.internal.http1;

import java.nio.ByteBuffer;

/**
 * Decodes a chunked body (RFC 9112 §7.1) with no leniency: a size is 1 to 15 hex digits, then optional extensions,
 * then CRLF; chunk data is followed by exactly CRLF; trailer lines are field lines, at most {@code maxTrailerBytes}
 * in all, and are discarded. Anything else is a {@link MalformedMessageException}, never a guess, since a guess is
 * how one request hides inside another. Stops at the end of the body, leaving whatever follows in the input.
 */
final class ChunkedDecoder {
  private static final int MAX_SIZE_DIGITS = 15; // 15 hex digits always fit a long

  private enum State { SIZE, SIZE_WS, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_NAME,
    TRAILER_VALUE, TRAILER_LF, END_LF, DONE }

  private final int maxTrailerBytes;
  private State state = State.SIZE;
  private long remaining;
  private int digits;
  private int trailerBytes;

  ChunkedDecoder(int maxTrailerBytes) {
    this.maxTrailerBytes = maxTrailerBytes;
  }

  /** True once the last chunk and the trailer section were read. */
  boolean isDone() {
    return state == State.DONE;
  }

  /**
   * Moves body data from {@code in} to {@code out} until {@code in} is empty, {@code out} is full or the body ends.
   *
   * @return the number of data bytes written to {@code out}
   */
  int decode(ByteBuffer in, ByteBuffer out) throws MalformedMessageException {
    int written = 0;
    while (in.hasRemaining() && state != State.DONE) {
      if (state == State.DATA) {
        int n = (int) Math.min(remaining, Math.min(in.remaining(), out.remaining()));
        if (n == 0) {
          return written; // out is full
        }
        int limit = in.limit();
        in.limit(in.position() + n);
        out.put(in);
        in.limit(limit);
        written += n;
        remaining -= n;
        if (remaining == 0) {
          state = State.DATA_CR;
        }
        continue;
      }
      step(in.get());
    }
    return written;
  }

  private void step(byte b) throws MalformedMessageException {
    switch (state) {
      case SIZE -> size(b);
      case SIZE_WS -> {
        if (b == ';') {
          state = State.EXTENSION;
        } else if (b != ' ' && b != '\t') {
          throw malformed("bad chunk size line");
        }
      }
      case EXTENSION -> {
        if (b == '\r') {
          state = State.SIZE_LF;
        } else if (!fieldByte(b)) {
          throw malformed("bad chunk extension");
        }
      }
      case SIZE_LF -> {
        expect(b, '\n', "chunk size line not ended by CRLF");
        if (remaining == 0) {
          state = State.TRAILER_START;
        } else {
          state = State.DATA;
        }
      }
      case DATA_CR -> {
        expect(b, '\r', "chunk data longer than its size");
        state = State.DATA_LF;
      }
      case DATA_LF -> {
        expect(b, '\n', "chunk data not ended by CRLF");
        state = State.SIZE;
        digits = 0;
      }
      case TRAILER_START -> trailerStart(b);
      case TRAILER_NAME -> {
        countTrailer();
        if (b == ':') {
          state = State.TRAILER_VALUE;
        } else if (!tokenByte(b)) {
          throw malformed("bad trailer field name");
        }
      }
      case TRAILER_VALUE -> {
        countTrailer();
        if (b == '\r') {
          state = State.TRAILER_LF;
        } else if (!fieldByte(b)) {
          throw malformed("bad trailer field value");
        }
      }
      case TRAILER_LF -> {
        expect(b, '\n', "trailer line not ended by CRLF");
        state = State.TRAILER_START;
      }
      case END_LF -> {
        expect(b, '\n', "chunked body not ended by CRLF");
        state = State.DONE;
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void size(byte b) throws MalformedMessageException {
    int digit = hexDigit(b);
    if (digit >= 0) {
      if (++digits > MAX_SIZE_DIGITS) {
        throw malformed("chunk size too large");
      }
      remaining = (remaining << 4) | digit;
      return;
    }
    if (digits == 0) {
      throw malformed("missing chunk size");
    }
    if (b == '\r') {
      state = State.SIZE_LF;
    } else if (b == ';') {
      state = State.EXTENSION;
    } else if (b == ' ' || b == '\t') {
      state = State.SIZE_WS; // BWS before an extension
    } else {
      throw malformed("bad chunk size");
    }
  }

  private static int hexDigit(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  private void trailerStart(byte b) throws MalformedMessageException {
    if (b == '\r') {
      state = State.END_LF;
    } else if (tokenByte(b)) {
      countTrailer();
      state = State.TRAILER_NAME;
    } else {
      throw malformed("bad trailer line"); // a leading space would be obs-fold
    }
  }

  private void countTrailer() throws MalformedMessageException {
    if (++trailerBytes > maxTrailerBytes) {
      throw malformed("trailer section too large");
    }
  }

  private static void expect(byte b, char wanted, String problem) throws MalformedMessageException {
    if (b != wanted) {
      throw malformed(problem);
    }
  }

  /** field-vchar, SP, HTAB and obs-text; no other control byte (a bare CR or LF ends nothing here). */
  private static boolean fieldByte(byte b) {
    int c = b & 0xFF;
    return c == ' ' || c == '\t' || (c > 0x20 && c != 0x7F);
  }

  /** RFC 9110 tchar. */
  static boolean tokenByte(byte b) {
    int c = b & 0xFF;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static MalformedMessageException malformed(String problem) {
    return new MalformedMessageException(problem);
  }
}
