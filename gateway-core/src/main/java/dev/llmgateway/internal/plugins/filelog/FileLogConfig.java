package dev.llmgateway.internal.plugins.filelog;

import dev.llmgateway.internal.logging.LuaFields;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The config of one file-log plugin, bound from its schema by the gateway: the file, and whether it is reopened for
 * every line (for log rotation).
 */
public record FileLogConfig(String path, boolean reopen) {
  /** Kong's {@code path} pattern: no leading or trailing space, none of {@code * & % `}. */
  private static final Pattern FILENAME = Pattern.compile("^[^\\s*&%`][^*&%`]*[^\\s*&%`]$");

  /** The schema of file-log's {@code config} record (Kong 3.10). */
  public static final Schema SCHEMA = Schema.of("file-log",
      Field.string("path").required().matches(FILENAME, "not a valid filename").validate(FileLogConfig::writable)
          .description("The file each request's JSON line is appended to"),
      Field.bool("reopen").required().defaultValue(false)
          .description("Close and reopen the file for every line, so that rotated files are let go"),
      LuaFields.field());

  /** What can be known now: a directory that does not exist, or a file or directory that may not be written. */
  static String writable(Object value) {
    Path path;
    try {
      path = Path.of((String) value).toAbsolutePath();
    } catch (InvalidPathException e) {
      return "not a valid filename";
    }
    if (Files.isDirectory(path)) {
      return "cannot write to " + value + ": it is a directory";
    }
    if (Files.exists(path)) {
      return Files.isWritable(path) ? null : "cannot write to " + value + ": permission denied";
    }
    Path dir = path.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return "cannot write to " + value + ": no such directory";
    }
    return Files.isWritable(dir) ? null : "cannot write to " + value + ": permission denied";
  }
}
