package dev.llmgateway.pipeline;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.Headers;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.RequestKey;
import dev.llmgateway.plugin.UpstreamRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The access phase's view of one plain HTTP request, for driving {@link AccessRun} without a server. */
final class TestContext implements AccessContext {
  private final ConfigView config;
  private final Route route;
  private final Map<RequestKey<?>, Object> attributes = new HashMap<>();
  private volatile Consumer consumer;
  private volatile String credentialId;

  TestContext(ConfigView config, Route route) {
    this.config = config;
    this.route = route;
  }

  @Override
  public ClientRequest request() {
    return new ClientRequest() {
      @Override
      public String method() {
        return "GET";
      }

      @Override
      public String scheme() {
        return "http";
      }

      @Override
      public String host() {
        return "gw.test";
      }

      @Override
      public int port() {
        return 8000;
      }

      @Override
      public String path() {
        return "/r";
      }

      @Override
      public String rawQuery() {
        return null;
      }

      @Override
      public List<String> queryParams(String name) {
        return List.of();
      }

      @Override
      public Headers headers() {
        return null;
      }

      @Override
      public String clientIp() {
        return "127.0.0.1";
      }

      @Override
      public String protocol() {
        return "HTTP/1.1";
      }
    };
  }

  @Override
  public Route route() {
    return route;
  }

  @Override
  public Service service() {
    return null;
  }

  @Override
  public Consumer consumer() {
    return consumer;
  }

  @Override
  public String credentialId() {
    return credentialId;
  }

  @Override
  public String requestId() {
    return "0123456789abcdef0123456789abcdef";
  }

  @Override
  public <T> T get(RequestKey<T> key) {
    return key.cast(attributes.get(key));
  }

  @Override
  public <T> void put(RequestKey<T> key, T value) {
    attributes.put(key, value);
  }

  @Override
  public UpstreamRequest upstream() {
    return null;
  }

  @Override
  public MutableHeaders responseHeaders() {
    return null;
  }

  @Override
  public void authenticate(Consumer consumer, String credentialId) {
    this.consumer = consumer;
    this.credentialId = credentialId;
  }

  @Override
  public byte[] requestBody() {
    return null;
  }

  @Override
  public ConfigView config() {
    return config;
  }
}
