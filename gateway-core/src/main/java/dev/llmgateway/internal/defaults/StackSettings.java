package dev.llmgateway.internal.defaults;

import java.util.Objects;

/**
 * The inputs of the built-in default stack: where vLLM and SGLang listen, where the gateway's own Admin API
 * listener really is (after binding, so a port 0 has become the real port), and the admin consumer's key.
 * {@link #toString()} never shows the key.
 */
public record StackSettings(String vllmUrl, String sglangUrl, String adminHost, int adminPort, String adminKey) {
  /** vLLM's default address. */
  public static final String DEFAULT_VLLM_URL = "http://localhost:8080";
  /** SGLang's default address. */
  public static final String DEFAULT_SGLANG_URL = "http://localhost:30000";

  public StackSettings {
    Objects.requireNonNull(vllmUrl, "vllmUrl");
    Objects.requireNonNull(sglangUrl, "sglangUrl");
    Objects.requireNonNull(adminHost, "adminHost");
    Objects.requireNonNull(adminKey, "adminKey");
    if (adminPort < 1 || adminPort > 65535) {
      throw new IllegalArgumentException("admin port " + adminPort + " is not a bound port");
    }
    if (adminKey.isBlank()) {
      throw new IllegalArgumentException("the admin key is empty");
    }
  }

  /** Default backend addresses with the given admin listener and key. */
  public static StackSettings defaults(String adminHost, int adminPort, String adminKey) {
    return new StackSettings(DEFAULT_VLLM_URL, DEFAULT_SGLANG_URL, adminHost, adminPort, adminKey);
  }

  /**
   * The URL the proxy uses to reach the Admin API listener: a wildcard bind address ({@code 0.0.0.0}, {@code ::})
   * is reached on loopback.
   */
  public String adminUrl() {
    String host = adminHost.strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
      host = "127.0.0.1";
    }
    return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + adminPort;
  }

  @Override
  public String toString() {
    return "StackSettings[vllmUrl=" + vllmUrl + ", sglangUrl=" + sglangUrl + ", admin=" + adminUrl()
        + ", adminKey=<redacted>]";
  }
}
