package dev.llmgateway.launcher.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code -----BEGIN LABEL-----} block of a PEM file: its label, its RFC 1421 headers (such as
 * {@code Proc-Type: 4,ENCRYPTED}, which marks an OpenSSL-encrypted key) and its decoded DER bytes.
 */
record PemBlock(String label, Map<String, String> headers, byte[] der) {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /** The blocks of {@code text} in order; text outside blocks (comments, "Bag Attributes") is skipped. */
  static List<PemBlock> parseAll(String text, String source) throws PemException {
    List<PemBlock> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r");
    int i = 0;
    while (i < lines.length) {
      String line = lines[i].trim();
      i++;
      if (!line.startsWith(BEGIN) || !line.endsWith(DASHES)) {
        continue;
      }
      String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder base64 = new StringBuilder();
      boolean ended = false;
      while (i < lines.length) {
        String body = lines[i].trim();
        i++;
        if (body.equals(END + label + DASHES)) {
          ended = true;
          break;
        }
        int colon = body.indexOf(':');
        if (colon > 0 && base64.length() == 0) {
          headers.put(body.substring(0, colon).trim(), body.substring(colon + 1).trim());
        } else {
          base64.append(body);
        }
      }
      if (!ended) {
        throw new PemException(source + ": '" + line + "' has no matching END line");
      }
      blocks.add(new PemBlock(label, Map.copyOf(headers), decode(base64.toString(), label, source)));
    }
    return blocks;
  }

  private static byte[] decode(String base64, String label, String source) throws PemException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new PemException(source + ": the " + label + " block is not valid base64");
    }
  }

  /** True when OpenSSL's legacy header says the key is encrypted. */
  boolean encryptedHeader() {
    String procType = headers.get("Proc-Type");
    return procType != null && procType.toUpperCase(java.util.Locale.ROOT).contains("ENCRYPTED");
  }
}
