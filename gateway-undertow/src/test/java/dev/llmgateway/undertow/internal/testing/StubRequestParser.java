package dev.llmgateway.undertow.internal.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A small HTTP/1.1 request parser for the stub: head, then a Content-Length or chunked body. Not a validator. */
final class StubRequestParser {
  private byte[] data = new byte[16 * 1024];
  private int length;

  void feed(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (length + n > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
    }
    bytes.get(data, length, n);
    length += n;
  }

  /** The next complete request, or null when more bytes are needed. */
  StubRequest next(int connectionId, int index) {
    int headEnd = indexOf("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (headEnd < 0) {
      return null;
    }
    String[] lines = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ", 3);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    long contentLength = 0;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim();
      String value = lines[i].substring(colon + 1).trim();
      headers.add(Map.entry(name, value));
      if (name.equalsIgnoreCase("content-length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
        chunked = true;
      }
    }
    int bodyStart = headEnd + 4;
    byte[] body;
    int consumed;
    if (chunked) {
      ByteArrayOutputStream collected = new ByteArrayOutputStream();
      consumed = dechunk(bodyStart, collected);
      if (consumed < 0) {
        return null;
      }
      body = collected.toByteArray();
    } else {
      if (length - bodyStart < contentLength) {
        return null;
      }
      body = Arrays.copyOfRange(data, bodyStart, bodyStart + (int) contentLength);
      consumed = bodyStart + (int) contentLength;
    }
    System.arraycopy(data, consumed, data, 0, length - consumed);
    length -= consumed;
    return new StubRequest(requestLine[0], requestLine[1], requestLine.length > 2 ? requestLine[2] : "",
        List.copyOf(headers), body, connectionId, index);
  }

  /** Decodes a chunked body starting at {@code pos}; the end offset, or -1 when incomplete. */
  private int dechunk(int pos, ByteArrayOutputStream out) {
    byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    while (true) {
      int lineEnd = indexOf(crlf, pos);
      if (lineEnd < 0) {
        return -1;
      }
      String sizeLine = new String(data, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      int chunkStart = lineEnd + 2;
      if (size == 0) {
        int trailerEnd = indexOf(crlf, chunkStart);
        while (trailerEnd >= 0 && trailerEnd != chunkStart) {
          chunkStart = trailerEnd + 2;
          trailerEnd = indexOf(crlf, chunkStart);
        }
        return trailerEnd < 0 ? -1 : trailerEnd + 2;
      }
      if (length < chunkStart + size + 2) {
        return -1;
      }
      out.write(data, chunkStart, size);
      pos = chunkStart + size + 2;
    }
  }

  private int indexOf(byte[] needle, int from) {
    outer:
    for (int i = from; i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
