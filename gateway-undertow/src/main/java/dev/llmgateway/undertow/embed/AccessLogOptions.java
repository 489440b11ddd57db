package dev.llmgateway.undertow.embed;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the access log goes and in which shape: one line per finished request to stdout (the default), to a file
 * (appended), or nowhere; plain text or JSON lines. Lines never contain header values or query strings.
 */
public record AccessLogOptions(Destination destination, Path file, boolean json) {
  /** The kinds of destination. */
  public enum Destination { STDOUT, FILE, OFF }

  public AccessLogOptions {
    Objects.requireNonNull(destination, "destination");
    if (destination == Destination.FILE) {
      Objects.requireNonNull(file, "file");
    }
  }

  /** Text lines on standard output. */
  public static AccessLogOptions stdout() {
    return new AccessLogOptions(Destination.STDOUT, null, false);
  }

  /** Text lines appended to {@code file}. */
  public static AccessLogOptions file(Path file) {
    return new AccessLogOptions(Destination.FILE, file, false);
  }

  /** No access log. */
  public static AccessLogOptions off() {
    return new AccessLogOptions(Destination.OFF, null, false);
  }

  /** The same destination with JSON lines instead of text. */
  public AccessLogOptions asJson() {
    return new AccessLogOptions(destination, file, true);
  }
}
