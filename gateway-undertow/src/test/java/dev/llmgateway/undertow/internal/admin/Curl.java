package dev.llmgateway.undertow.internal.admin;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@code curl} command line, as written in the usage guide, against the test admin listener: the guide's
 * {@code http://localhost:8000/admin-api} (the admin API behind the gateway) and Kong's
 * {@code http://localhost:8001} both map to the listener. Supports the options the guide and Kong's docs use:
 * {@code -X}, {@code -H}, {@code -d}/{@code --data}, {@code -s}, {@code -i}, {@code --url}; {@code -d} sends
 * {@code application/x-www-form-urlencoded} like curl, joined with {@code &}.
 */
final class Curl {
  private Curl() {}

  static HttpResponse<String> run(AdminListener admin, String commandLine) {
    List<String> words = words(commandLine);
    if (!words.get(0).equals("curl")) {
      throw new IllegalArgumentException("not a curl command: " + commandLine);
    }
    String method = null;
    String url = null;
    List<String> headers = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "-X", "--request" -> method = words.get(++i);
        case "-H", "--header" -> headers.add(words.get(++i));
        case "-d", "--data" -> data.add(words.get(++i));
        case "--url" -> url = words.get(++i);
        case "-s", "-i", "--silent" -> { }
        default -> {
          if (w.startsWith("-")) {
            throw new IllegalArgumentException("unsupported curl option " + w);
          }
          url = w;
        }
      }
    }
    String path = url.replaceFirst("^http://localhost:8000/admin-api", "").replaceFirst("^http://localhost:8001", "");
    if (path.isEmpty() || path.startsWith("?")) {
      path = "/" + path;
    }
    String body = String.join("&", data);
    if (method == null) {
      method = data.isEmpty() ? "GET" : "POST";
    }
    HttpRequest.Builder request = admin.request(path).method(method, data.isEmpty()
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    boolean typed = false;
    for (String h : headers) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim();
      typed |= name.equalsIgnoreCase("Content-Type");
      request.header(name, h.substring(colon + 1).trim());
    }
    if (!data.isEmpty() && !typed) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    return admin.send(request);
  }

  /** Shell words: quotes removed, backslash-newline joined, anything after a pipe dropped. */
  static List<String> words(String commandLine) {
    String line = commandLine.replace("\\\n", " ");
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (c == '|') {
        break;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }
}
