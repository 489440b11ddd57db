package dev.llmgateway.launcher;

import dev.llmgateway.launcher.listen.ListenAddress;
import dev.llmgateway.launcher.listen.ListenList;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --admin-url} option of the commands that talk to a running node. Without it, the node is found where
 * {@code start} would put its admin listener: {@code GATEWAY_ADMIN_LISTEN} or {@code KONG_ADMIN_LISTEN}, else
 * {@code 127.0.0.1:8001}; a wildcard address is reached on loopback.
 */
final class AdminTarget {
  @Option(names = "--admin-url", paramLabel = "URL",
      description = {"The node's Admin API, e.g. http://127.0.0.1:8001, or the proxy's"
          + " http://localhost:8000/admin-api (the key is then taken from GATEWAY_ADMIN_API_KEY).",
          "Default: from GATEWAY_ADMIN_LISTEN / KONG_ADMIN_LISTEN, else http://127.0.0.1:8001"})
  String adminUrl;

  /** The base URL to call, without a trailing slash. */
  URI resolve(EnvVariables env) throws SettingException {
    if (adminUrl != null) {
      String trimmed = adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
      try {
        URI uri = URI.create(trimmed);
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
        return uri;
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new SettingException("--admin-url: '" + adminUrl + "' is not an http(s) URL");
      }
    }
    Optional<EnvVariables.Found> listen = env.first(EnvDefaults.VARIABLES.get("--admin-listen")
        .toArray(String[]::new));
    if (listen.isEmpty()) {
      return URI.create("http://127.0.0.1:8001");
    }
    List<ListenAddress> addresses;
    try {
      addresses = ListenList.parse(listen.get().value());
    } catch (IllegalArgumentException e) {
      throw new SettingException(listen.get().name() + ": " + e.getMessage());
    }
    if (addresses.isEmpty()) {
      throw new SettingException(listen.get().name() + " is off; pass --admin-url");
    }
    ListenAddress a = addresses.get(0);
    String host = a.isAnyV6() ? "::1" : ListenAddress.ANY_V4.equals(a.host()) ? "127.0.0.1" : a.host();
    return URI.create("http://" + a.withHost(host).hostPort());
  }
}
