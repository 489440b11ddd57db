package dev.llmgateway.internal.proxy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The formats Kong renders its error bodies in, and Kong's two ways of choosing one: by {@code Accept} with
 * quality values ({@code kong.response.error}, default JSON), or by the first media type of {@code Accept}, else
 * {@code Content-Type}, else text/plain (the nginx error handler).
 */
public enum ErrorFormat {
  JSON("application/json; charset=utf-8"),
  HTML("text/html; charset=utf-8"),
  XML("application/xml; charset=utf-8"),
  TEXT("text/plain; charset=utf-8");

  private static final Pattern MEDIA_RANGE = Pattern.compile(
      "((?:[a-z0-9][a-z0-9\\-!#$&^_+.]+|\\*)/(?:[a-z0-9][a-z0-9\\-!#$&^_+.]+|\\*))"
          + "(?:\\s*;\\s*q=(1(?:\\.0{0,3})?|0(?:\\.\\d{0,3})?)|\\s*;\\s*[a-z0-9][a-z0-9\\-!#$&^_+.]+(?:=[^;]*)?)*",
      Pattern.CASE_INSENSITIVE);

  private final String contentType;

  ErrorFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The {@code Content-Type} of a body in this format. */
  public String contentType() {
    return contentType;
  }

  /** Kong's {@code get_response_type}: the acceptable media type of highest quality; JSON when none is known. */
  public static ErrorFormat forAccept(String accept) {
    ErrorFormat best = JSON;
    if (accept == null) {
      return best;
    }
    double bestQuality = 0;
    for (String part : accept.split(",")) {
      Matcher m = MEDIA_RANGE.matcher(part.strip());
      if (!m.lookingAt()) {
        continue;
      }
      double q = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
      if (q > bestQuality) {
        bestQuality = q;
        best = forMediaType(m.group(1));
      }
    }
    return best;
  }

  /** The nginx error handler's choice: {@code Accept}, else {@code Content-Type}, else text/plain. */
  public static ErrorFormat forErrorHandler(String accept, String contentType) {
    String header = accept != null ? accept : contentType != null ? contentType : "text/plain";
    return forMediaType(header);
  }

  /** Kong's {@code get_mime_type}: the media type before any parameter; unknown types get JSON. */
  static ErrorFormat forMediaType(String header) {
    String type = header.strip();
    int semicolon = type.indexOf(';');
    if (semicolon >= 0) {
      type = type.substring(0, semicolon);
    }
    int slash = type.indexOf('/');
    if (slash < 0) {
      return JSON;
    }
    String main = type.substring(0, slash);
    String sub = type.substring(slash + 1);
    if (sub.startsWith("*")) {
      return "text".equals(main) ? TEXT : JSON;
    }
    return switch (type) {
      case "text/html" -> HTML;
      case "application/xml" -> XML;
      case "text/plain" -> TEXT;
      default -> JSON;
    };
  }
}
