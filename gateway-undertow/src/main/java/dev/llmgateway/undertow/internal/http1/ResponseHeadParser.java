package dev.llmgateway.undertow.internal.http1;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses upstream response heads (RFC 9112 §4 and §5) incrementally, as bytes arrive, with no leniency: the status
 * line is {@code HTTP/1.0} or {@code HTTP/1.1}, three digits and an optional reason; lines end with CRLF (a bare CR
 * or LF is refused); field names are tokens followed at once by a colon; obs-fold lines and control bytes in
 * values are refused. A head is at most {@link #MAX_HEAD_BYTES} bytes and {@link #MAX_FIELDS} fields, so an
 * upstream cannot make the gateway hold an endless head. One parser serves one connection, head after head.
 */
public final class ResponseHeadParser {
  /** The largest response head accepted, status line and blank line included. */
  public static final int MAX_HEAD_BYTES = 32 * 1024;
  /** The most header fields accepted in one response head (the client leg's limit too). */
  public static final int MAX_FIELDS = 100;

  private static final HttpString[][] KNOWN = known(Headers.CONTENT_LENGTH, Headers.CONTENT_TYPE,
      Headers.TRANSFER_ENCODING, Headers.CONNECTION, Headers.DATE, Headers.SERVER, Headers.KEEP_ALIVE,
      Headers.CACHE_CONTROL, Headers.VARY, Headers.VIA, Headers.LOCATION, Headers.SET_COOKIE,
      Headers.CONTENT_ENCODING, Headers.ETAG, Headers.LAST_MODIFIED, Headers.EXPIRES, Headers.ACCEPT_RANGES,
      Headers.AGE, new HttpString("Link"), Headers.X_CONTENT_TYPE_OPTIONS, Headers.STRICT_TRANSPORT_SECURITY,
      new HttpString("Access-Control-Allow-Origin"), Headers.WWW_AUTHENTICATE, Headers.CONTENT_DISPOSITION,
      new HttpString("X-Request-Id"), new HttpString("X-Kong-Request-Id"));

  private static final ThreadLocal<byte[]> CHUNK = ThreadLocal.withInitial(() -> new byte[2048]);

  private byte[] line = new byte[256];
  private int length;
  private boolean sawCr;
  private int headBytes;
  private int fields;
  private int status = -1;
  private boolean http10;
  private HeaderMap headers;

  /**
   * Consumes bytes of {@code in} up to the end of one head.
   *
   * @return the head once complete ({@code in} then starts at the first byte after it), or null when every byte
   *     was consumed and more are needed
   */
  public ResponseHead parse(ByteBuffer in) throws MalformedMessageException {
    int pos = in.position();
    int limit = in.limit();
    byte[] chunk = CHUNK.get();
    while (pos < limit) {
      // One bulk copy out of the (direct) buffer, then plain array reads: a direct buffer's get(int) checks
      // bounds and scope on every byte.
      int n = Math.min(chunk.length, limit - pos);
      in.get(pos, chunk, 0, n);
      for (int k = 0; k < n; k++) {
        pos++;
        ResponseHead head = accept(chunk[k]);
        if (head != null) {
          in.position(pos);
          return head;
        }
      }
    }
    in.position(pos);
    return null;
  }

  /** Takes one byte of the head; the head once its blank line ended, else null. */
  private ResponseHead accept(byte b) throws MalformedMessageException {
    if (++headBytes > MAX_HEAD_BYTES) {
      throw new MalformedMessageException("response head larger than " + MAX_HEAD_BYTES + " bytes");
    }
    if (sawCr) {
      if (b != '\n') {
        throw new MalformedMessageException("CR without LF in the response head");
      }
      sawCr = false;
      return lineEnded();
    } else if (b == '\r') {
      sawCr = true;
    } else if (b == '\n') {
      throw new MalformedMessageException("bare LF in the response head");
    } else {
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_HEAD_BYTES));
      }
      line[length++] = b;
    }
    return null;
  }

  private ResponseHead lineEnded() throws MalformedMessageException {
    int n = length;
    length = 0;
    if (status < 0) {
      statusLine(n);
      headers = new HeaderMap();
      return null;
    }
    if (n > 0) {
      field(n);
      return null;
    }
    ResponseHead head = new ResponseHead(status, http10, headers);
    status = -1;
    headers = null;
    headBytes = 0;
    fields = 0;
    return head;
  }

  private void statusLine(int n) throws MalformedMessageException {
    byte[] l = line;
    if (n < 12 || l[0] != 'H' || l[1] != 'T' || l[2] != 'T' || l[3] != 'P' || l[4] != '/' || l[5] != '1'
        || l[6] != '.' || (l[7] != '0' && l[7] != '1') || l[8] != ' ' || !digit(l[9]) || !digit(l[10])
        || !digit(l[11]) || (n > 12 && l[12] != ' ')) {
      throw new MalformedMessageException("not an HTTP/1.x status line");
    }
    for (int i = 13; i < n; i++) {
      if (!fieldByte(l[i])) {
        throw new MalformedMessageException("bad reason phrase");
      }
    }
    int code = (l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0');
    if (code < 100) {
      throw new MalformedMessageException("status " + code + " below 100");
    }
    status = code;
    http10 = l[7] == '0';
  }

  private void field(int n) throws MalformedMessageException {
    if (++fields > MAX_FIELDS) {
      throw new MalformedMessageException("more than " + MAX_FIELDS + " header fields in the response head");
    }
    byte[] l = line;
    int colon = 0;
    while (colon < n && l[colon] != ':') {
      if (!ChunkedDecoder.tokenByte(l[colon])) {
        throw new MalformedMessageException(colon == 0 && (l[0] == ' ' || l[0] == '\t')
            ? "obs-fold line in the response head" : "bad header field name");
      }
      colon++;
    }
    if (colon == 0 || colon == n) {
      throw new MalformedMessageException("bad header field line");
    }
    int start = colon + 1;
    int end = n;
    while (start < end && (l[start] == ' ' || l[start] == '\t')) {
      start++;
    }
    while (end > start && (l[end - 1] == ' ' || l[end - 1] == '\t')) {
      end--;
    }
    for (int i = start; i < end; i++) {
      if (!fieldByte(l[i])) {
        throw new MalformedMessageException("control byte in a header field value");
      }
    }
    headers.add(name(l, colon), new String(l, start, end - start, StandardCharsets.ISO_8859_1));
  }

  /** A shared constant for a common name (no allocation), else a new name with the upstream's spelling. */
  private static HttpString name(byte[] l, int n) {
    if (n < KNOWN.length && KNOWN[n] != null) {
      outer:
      for (HttpString k : KNOWN[n]) {
        for (int i = 0; i < n; i++) {
          if (lower(k.byteAt(i)) != lower(l[i])) {
            continue outer;
          }
        }
        return k;
      }
    }
    return new HttpString(l, 0, n);
  }

  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** field-vchar, SP, HTAB and obs-text. */
  private static boolean fieldByte(byte b) {
    int c = b & 0xFF;
    return c == '\t' || (c >= 0x20 && c != 0x7F);
  }

  private static HttpString[][] known(HttpString... names) {
    int max = 0;
    for (HttpString h : names) {
      max = Math.max(max, h.length());
    }
    HttpString[][] byLength = new HttpString[max + 1][];
    for (HttpString h : names) {
      HttpString[] old = byLength[h.length()];
      HttpString[] grown = old == null ? new HttpString[1] : Arrays.copyOf(old, old.length + 1);
      grown[grown.length - 1] = h;
      byLength[h.length()] = grown;
    }
    return byLength;
  }
}
