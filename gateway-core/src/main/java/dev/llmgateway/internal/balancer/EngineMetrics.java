package dev.llmgateway.internal.balancer;

/**
 * Reads an engine's load from its Prometheus text exposition: vLLM's {@code vllm:num_requests_running},
 * {@code vllm:num_requests_waiting} and {@code vllm:kv_cache_usage_perc} (older releases:
 * {@code vllm:gpu_cache_usage_perc}), or SGLang's {@code sglang:num_running_reqs}, {@code sglang:num_queue_reqs}
 * and {@code sglang:token_usage}. Series with labels (one per model) are summed; usage takes the maximum.
 */
final class EngineMetrics {
  private EngineMetrics() {}

  /** The load, or null when the text has neither a running nor a waiting series. */
  static EngineLoad parse(String text, int inFlight, long now) {
    double running = 0;
    double waiting = 0;
    double kv = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      int nameEnd = 0;
      while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
        nameEnd++;
      }
      String name = line.substring(0, nameEnd);
      int kind = switch (name) {
        case "vllm:num_requests_running", "sglang:num_running_reqs" -> 1;
        case "vllm:num_requests_waiting", "sglang:num_queue_reqs" -> 2;
        case "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage" -> 3;
        default -> 0;
      };
      if (kind == 0) {
        continue;
      }
      double value = value(line, nameEnd);
      if (Double.isNaN(value)) {
        continue;
      }
      switch (kind) {
        case 1 -> running += value;
        case 2 -> waiting += value;
        default -> kv = Math.max(kv, value);
      }
      found |= kind != 3;
    }
    return found ? new EngineLoad(running, waiting, kv, inFlight, now) : null;
  }

  /** The sample value after the name and labels (a timestamp may follow). */
  private static double value(String line, int from) {
    int i = from;
    if (i < line.length() && line.charAt(i) == '{') {
      int close = line.lastIndexOf('}');
      if (close < 0) {
        return Double.NaN;
      }
      i = close + 1;
    }
    String rest = line.substring(i).trim();
    int space = rest.indexOf(' ');
    String number = space < 0 ? rest : rest.substring(0, space);
    try {
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
