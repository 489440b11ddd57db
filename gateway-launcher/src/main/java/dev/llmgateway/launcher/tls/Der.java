package dev.llmgateway.launcher.tls;

import java.io.ByteArrayOutputStream;

/**
 * The few DER encoding steps needed to re-wrap a PKCS#1 RSA or SEC1 EC key into PKCS#8: reading tag-length-value
 * elements and writing them back. Not a general ASN.1 library; it handles definite lengths only, as DER requires.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int CONTEXT_0 = 0xA0;

  private Der() {}

  /** One element: its tag, and where its content starts and ends within the source array. */
  record Element(int tag, byte[] source, int start, int contentStart, int end) {
    byte[] content() {
      return java.util.Arrays.copyOfRange(source, contentStart, end);
    }

    /** The whole element, tag and length included. */
    byte[] encoded() {
      return java.util.Arrays.copyOfRange(source, start, end);
    }
  }

  /** The element starting at {@code offset} of {@code der}, bounded by {@code limit}. */
  static Element read(byte[] der, int offset, int limit) {
    if (offset + 2 > limit) {
      throw new IllegalArgumentException("truncated DER element");
    }
    int tag = der[offset] & 0xFF;
    int first = der[offset + 1] & 0xFF;
    int pos = offset + 2;
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int count = first & 0x7F;
      if (count == 0 || count > 4 || pos + count > limit) {
        throw new IllegalArgumentException("unsupported DER length");
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (der[pos++] & 0xFF);
      }
    }
    if (pos + length > limit) {
      throw new IllegalArgumentException("truncated DER element");
    }
    return new Element(tag, der, offset, pos, (int) (pos + length));
  }

  /** The elements directly inside a constructed element (a SEQUENCE's fields). */
  static java.util.List<Element> children(Element parent) {
    java.util.List<Element> out = new java.util.ArrayList<>();
    int pos = parent.contentStart();
    while (pos < parent.end()) {
      Element e = read(parent.source(), pos, parent.end());
      out.add(e);
      pos = e.end();
    }
    return out;
  }

  /** Encodes one element from its tag and content. */
  static byte[] encode(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : contents) {
      body.writeBytes(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = body.size();
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xFF);
      }
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }
}
