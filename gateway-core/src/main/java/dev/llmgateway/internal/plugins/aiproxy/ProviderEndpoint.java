package dev.llmgateway.internal.plugins.aiproxy;

import dev.llmgateway.entity.Service;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where ai-proxy sends a request: {@code model.options.upstream_url}, else the provider's own endpoint (OpenAI,
 * Mistral). Unlike Kong, a URL without a port takes its scheme's (80 for http): Kong's 443 for every URL sent
 * plain HTTP to a TLS port. The upstream service is the route's with this host, port and protocol, so its
 * timeouts and retries still apply; one is made per route service and kept for the config snapshot.
 */
final class ProviderEndpoint {
  private final String protocol;
  private final String host;
  private final int port;
  private final String path;
  private final UUID seed;
  private final Map<UUID, Service> services = new ConcurrentHashMap<>();

  private ProviderEndpoint(String protocol, String host, int port, String path, UUID seed) {
    this.protocol = protocol;
    this.host = host;
    this.port = port;
    this.path = path;
    this.seed = seed;
  }

  /** The endpoint of one plugin; {@code pluginId} makes the derived services' ids stable and distinct. */
  static ProviderEndpoint of(AiProxyConfig config, UUID pluginId) {
    String url = config.model().options().upstreamUrl();
    if (url == null) {
      boolean chat = !"llm/v1/completions".equals(config.routeType());
      url = switch (config.model().provider()) {
        case "mistral" -> chat ? "https://api.mistral.ai:443/v1/chat/completions" : "https://api.mistral.ai:443/";
        default -> chat ? "https://api.openai.com:443/v1/chat/completions" : "https://api.openai.com:443/v1/completions";
      };
    }
    URI u = URI.create(url);
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort() > 0 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    String upstreamPath = config.model().options().upstreamPath();
    if (upstreamPath != null) {
      path = upstreamPath.startsWith("/") ? upstreamPath : "/" + upstreamPath;
    }
    return new ProviderEndpoint(scheme, u.getHost(), port, path, pluginId);
  }

  /** The path for chat and completions requests. */
  String path() {
    return path;
  }

  /** True when {@code model.options.upstream_path} was set (it also applies to {@code preserve}). */
  static boolean hasUpstreamPath(AiProxyConfig config) {
    return config.model().options().upstreamPath() != null;
  }

  /** The route's service pointed at this endpoint. */
  Service serviceFor(Service routeService) {
    Service s = services.get(routeService.id());
    if (s == null) {
      UUID id = UUID.nameUUIDFromBytes((seed + "/" + routeService.id()).getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
      s = new Service(id, routeService.name(), protocol, host, port, null, routeService.retries(),
          routeService.connectTimeout(), routeService.writeTimeout(), routeService.readTimeout(),
          routeService.tlsVerify(), true, routeService.row());
      services.put(routeService.id(), s);
    }
    return s;
  }
}
