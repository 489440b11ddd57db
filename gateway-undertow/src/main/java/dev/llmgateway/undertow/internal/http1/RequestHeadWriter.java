package dev.llmgateway.undertow.internal.http1;

import io.undertow.client.ClientRequest;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes an upstream request head ({@code METHOD target HTTP/1.1}, then the fields in the map's order) into a
 * buffer, allocation-free. A target with a space or control byte is refused, and a CR, LF or NUL in a field value
 * is written as a space: no value can start a line of its own on the upstream connection. Characters go through
 * a per-thread heap array and reach the (direct) buffer in one bulk copy per string: a direct buffer's
 * {@code put(byte)} checks bounds and scope on every byte.
 */
public final class RequestHeadWriter {
  private static final byte[] VERSION = {' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1', '\r', '\n'};
  private static final int SCRATCH = 4096;
  private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[SCRATCH]);

  private RequestHeadWriter() {}

  /**
   * Writes the head of {@code request} into {@code out}.
   *
   * @return false when it does not fit (out is then in an undefined state)
   * @throws MalformedMessageException when the request target holds a space or a control byte
   */
  public static boolean write(ClientRequest request, ByteBuffer out) throws MalformedMessageException {
    try {
      request.getMethod().appendTo(out);
      out.put((byte) ' ');
      byte[] scratch = BYTES.get();
      String path = request.getPath();
      for (int from = 0, n = path.length(); from < n; from += SCRATCH) {
        int to = Math.min(n, from + SCRATCH);
        for (int i = from; i < to; i++) {
          char c = path.charAt(i);
          if (c <= ' ' || c == 0x7F) {
            throw new MalformedMessageException("request target with a space or control byte");
          }
          scratch[i - from] = (byte) c;
        }
        out.put(scratch, 0, to - from);
      }
      out.put(VERSION);
      HeaderMap headers = request.getRequestHeaders();
      for (long cookie = headers.fastIterateNonEmpty(); cookie != -1L; cookie = headers.fiNextNonEmpty(cookie)) {
        HeaderValues values = headers.fiCurrent(cookie);
        for (int v = 0, count = values.size(); v < count; v++) {
          values.getHeaderName().appendTo(out);
          out.put((byte) ':').put((byte) ' ');
          String value = values.get(v);
          for (int from = 0, n = value.length(); from < n; from += SCRATCH) {
            int to = Math.min(n, from + SCRATCH);
            for (int i = from; i < to; i++) {
              char c = value.charAt(i);
              scratch[i - from] = c == '\r' || c == '\n' || c == 0 ? (byte) ' ' : (byte) c;
            }
            out.put(scratch, 0, to - from);
          }
          out.put((byte) '\r').put((byte) '\n');
        }
      }
      out.put((byte) '\r').put((byte) '\n');
      return true;
    } catch (BufferOverflowException e) {
      return false;
    }
  }
}
