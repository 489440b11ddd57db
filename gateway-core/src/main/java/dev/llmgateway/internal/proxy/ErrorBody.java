package dev.llmgateway.internal.proxy;

import java.nio.charset.StandardCharsets;

/** A rendered Kong error body and its {@code Content-Type}, byte for byte as Kong's templates produce it. */
public record ErrorBody(String contentType, byte[] bytes) {

  /** Renders {@code message} and the request id in {@code format}. */
  public static ErrorBody render(ErrorFormat format, String message, String requestId) {
    String text = switch (format) {
      case JSON -> "{\n  \"message\":\"" + jsonEscape(message) + "\",\n  \"request_id\":\"" + jsonEscape(requestId)
          + "\"\n}";
      case TEXT -> message + "\nrequest_id: " + requestId + "\n";
      case HTML -> "<!doctype html>\n<html>\n  <head>\n    <meta charset=\"utf-8\">\n    <title>Error</title>\n"
          + "  </head>\n  <body>\n    <h1>Error</h1>\n    <p>" + markupEscape(message) + ".</p>\n"
          + "    <p>request_id: " + markupEscape(requestId) + "</p>\n  </body>\n</html>\n";
      case XML -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>\n  <message>" + markupEscape(message)
          + "</message>\n  <requestid>" + markupEscape(requestId) + "</requestid>\n</error>\n";
    };
    return new ErrorBody(format.contentType(), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Renders a failure in the format its producer would choose for these request headers. */
  public static ErrorBody render(ProxyFailure failure, String requestId, String accept, String contentType) {
    ErrorFormat format = failure.fromErrorHandler() ? ErrorFormat.forErrorHandler(accept, contentType)
        : ErrorFormat.forAccept(accept);
    return render(format, failure.message(), requestId);
  }

  static String jsonEscape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  private static String markupEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
