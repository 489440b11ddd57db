package dev.llmgateway.internal.store;

import dev.llmgateway.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One line of the store's {@code .jsonl} log: {@code {"seq":N,"crc32":C,"change":{...}}} followed by a newline.
 * The CRC covers the exact bytes of the change, so a line torn by a crash (or by a lost sector) never passes
 * as a valid, shorter change.
 */
record LogLine(long sequence, Map<String, Object> change) {
  private static final String SEQ = "{\"seq\":";
  private static final String CRC = ",\"crc32\":";
  private static final String CHANGE = ",\"change\":";

  /** The bytes of a line for {@code changeJson}, newline included. */
  static byte[] encode(long sequence, String changeJson) {
    byte[] change = changeJson.getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(change);
    String line = SEQ + sequence + CRC + crc.getValue() + CHANGE + changeJson + "}\n";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes one line (without its newline); null when it is torn, corrupt or not ours. */
  static LogLine decode(String line) {
    if (!line.startsWith(SEQ) || !line.endsWith("}")) {
      return null;
    }
    int crcAt = line.indexOf(CRC);
    int changeAt = line.indexOf(CHANGE);
    if (crcAt < 0 || changeAt < crcAt) {
      return null;
    }
    try {
      long sequence = Long.parseLong(line.substring(SEQ.length(), crcAt));
      long expected = Long.parseLong(line.substring(crcAt + CRC.length(), changeAt));
      String changeJson = line.substring(changeAt + CHANGE.length(), line.length() - 1);
      CRC32 crc = new CRC32();
      crc.update(changeJson.getBytes(StandardCharsets.UTF_8));
      if (crc.getValue() != expected) {
        return null;
      }
      return new LogLine(sequence, Json.parseObject(changeJson));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
