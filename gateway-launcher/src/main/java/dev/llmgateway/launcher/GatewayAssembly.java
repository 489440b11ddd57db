package dev.llmgateway.launcher;

import dev.llmgateway.declarative.DeclarativeError;
import dev.llmgateway.defaults.AdminKey;
import dev.llmgateway.defaults.DefaultStack;
import dev.llmgateway.defaults.StackSettings;
import dev.llmgateway.json.Json;
import dev.llmgateway.launcher.listen.ListenAddress;
import dev.llmgateway.undertow.AccessLogOptions;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.EmbeddedGatewayBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps checked start-up settings onto the embedding API: the file store in the data dir, the declarative config
 * (which replaces the stored one), the built-in LLM stack for an empty data dir, the admin API on the proxy with
 * the admin key, listeners and access log. Failures become one {@link SettingException} line.
 */
final class GatewayAssembly {
  private final Preflight.Checked checked;
  private final AdminKey key;

  GatewayAssembly(Preflight.Checked checked, AdminKey key) {
    this.checked = checked;
    this.key = key;
  }

  EmbeddedGateway start() throws SettingException {
    StartSettings s = checked.settings();
    EmbeddedGatewayBuilder b = EmbeddedGateway.builder()
        .dataDir(s.dataDir())
        .configFile(s.config().orElse(null))
        .initialConfig(defaultStack(s))
        .adminApiOnProxy(key.value())
        .upstreamKeepalive(s.upstreamKeepalive().poolSize(), s.upstreamKeepalive().idleTimeout())
        .pluginAccessTimeout(s.pluginAccessTimeout())
        .accessLog(accessLog(s.accessLog()));
    for (ListenAddress a : checked.proxy()) {
      if (a.tls()) {
        b.tlsProxyListener(a.host(), a.port(), checked.tls().orElseThrow());
      } else {
        b.proxyListener(a.host(), a.port());
      }
    }
    s.admin().forEach(a -> b.adminListener(a.host(), a.port()));
    try {
      return b.start();
    } catch (DeclarativeError e) {
      throw new SettingException("config " + s.config().map(Object::toString).orElse("") + " is invalid: "
          + String.join("; ", e.messages()));
    } catch (IOException | RuntimeException e) {
      throw new SettingException(describe(e));
    }
  }

  /** The usage guide's stack for an empty data dir; the admin part is re-asserted with the real port anyway. */
  private String defaultStack(StartSettings s) {
    ListenAddress admin = s.admin().get(0);
    StackSettings stack = new StackSettings(s.vllmUrl(), s.sglangUrl(), admin.host(),
        admin.port() == 0 ? 1 : admin.port(), key.value());
    return Json.write(DefaultStack.declarative(stack));
  }

  static AccessLogOptions accessLog(StartSettings.AccessLogSetting log) {
    AccessLogOptions options = switch (log.target()) {
      case STDOUT -> AccessLogOptions.stdout();
      case OFF -> AccessLogOptions.off();
      case FILE -> AccessLogOptions.file(log.file());
    };
    return log.json() ? options.asJson() : options;
  }

  /** One line for a start failure; a bind failure names the address that is taken. */
  private String describe(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (message.contains("Address already in use") || e instanceof java.net.BindException) {
      for (ListenAddress a : allAddresses()) {
        if (a.port() != 0 && !bindable(a)) {
          return "cannot listen on " + a.hostPort() + ": address already in use";
        }
      }
      return "cannot listen: address already in use";
    }
    if (message.contains("Cannot assign requested address")) {
      return "cannot listen on one of " + allAddresses() + ": the host is not an address of this machine";
    }
    return "cannot start: " + message;
  }

  private List<ListenAddress> allAddresses() {
    List<ListenAddress> all = new ArrayList<>(checked.proxy());
    all.addAll(checked.settings().admin());
    return all;
  }

  private static boolean bindable(ListenAddress a) {
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      channel.bind(new InetSocketAddress(a.host(), a.port()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
