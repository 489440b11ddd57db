package dev.llmgateway.undertow.internal.security;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.plugins.StackGateway;
import dev.llmgateway.undertow.internal.testing.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No log ever shows a key or an {@code Authorization} value: every logger (the gateway's, Undertow's, XNIO's) at
 * its most verbose level plus the access log file are captured while requests carrying secrets end in 200, 400,
 * 401, 403, 404, 500 (a plugin throws) and 502, on the proxy and the admin listener.
 */
class SecretLoggingTest {
  private static final String APP_KEY = "app-secret-key-5151";
  private static final String WRONG_KEY = "wrong-secret-key-7777";
  private static final List<String> LOGGERS = List.of("dev.llmgateway", "io.undertow", "org.xnio", "org.jboss");

  @TempDir
  Path dir;

  /** A plugin whose access phase throws, so the request ends in the gateway's 500 path with its stack trace. */
  static final class ExplodingType implements PluginType<TestPlugins.NoConfig> {
    @Override
    public String name() {
      return "explode";
    }

    @Override
    public int priority() {
      return 1;
    }

    @Override
    public Schema configSchema() {
      return Schema.of("explode");
    }

    @Override
    public Class<TestPlugins.NoConfig> configType() {
      return TestPlugins.NoConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<TestPlugins.NoConfig> setup) {
      return new Plugin() {
        @Override
        public Verdict access(dev.llmgateway.plugin.AccessContext ctx) {
          throw new IllegalStateException("plugin failed on purpose");
        }
      };
    }
  }

  @Test
  void secretsNeverReachALog() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Handler handler = new StreamHandler(captured, new SimpleFormatter()) {
      @Override
      public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
      }
    };
    handler.setLevel(Level.ALL);
    // Held strongly: the JDK forgets the level of a logger nobody references.
    Map<Logger, Level> before = new HashMap<>();
    for (String name : LOGGERS) {
      Logger l = Logger.getLogger(name);
      before.put(l, l.getLevel());
      l.setLevel(Level.ALL);
    }
    Logger.getLogger("").addHandler(handler);
    Path accessLog = dir.resolve("access.log");
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    try (StackGateway gw = StackGateway.start(Clock.systemUTC(), AccessLogOptions.file(accessLog),
        List.of(new ExplodingType()))) {
      gw.adminForm("POST", "/consumers", "username=app");
      gw.adminForm("POST", "/consumers/app/key-auth", "key=" + APP_KEY);
      gw.adminForm("POST", "/services/vllm-service/plugins", "name=key-auth");
      gw.adminForm("POST", "/services", "name=dead&url=http://127.0.0.1:" + deadPort);
      gw.adminForm("POST", "/services/dead/routes", "paths[]=/dead");
      gw.adminForm("POST", "/services/dead/plugins", "name=key-auth");
      gw.adminForm("POST", "/services", "name=boom&url=" + gw.sglang.url());
      gw.adminForm("POST", "/services/boom/routes", "paths[]=/boom");
      gw.adminForm("POST", "/services/boom/plugins", "name=explode");
      exercise(gw);
      assertThat(captured.toString(StandardCharsets.UTF_8)).as("something was logged").isNotEmpty();
    } finally {
      Logger.getLogger("").removeHandler(handler);
      before.forEach(Logger::setLevel);
    }
    String jul = captured.toString(StandardCharsets.UTF_8);
    String access = Files.readString(accessLog);
    assertThat(access).contains("/nowhere", "/dead", "/boom", "/admin-api/services", " 502 ", " 500 ", " 401 ",
        " 404 ", " 403 ");
    assertThat(jul).contains("plugin failed on purpose").contains("TRACE");
    for (String log : List.of(jul, access)) {
      assertThat(log).doesNotContain(ADMIN_KEY).doesNotContain(APP_KEY).doesNotContain(WRONG_KEY)
          .doesNotContainIgnoringCase("Bearer ").doesNotContainIgnoringCase("authorization:");
    }
  }

  private static void exercise(StackGateway gw) throws Exception {
    String bearerAdmin = "Bearer " + ADMIN_KEY;
    // 200s
    assertThat(gw.proxy("GET", "/admin-api/services?apikey=" + ADMIN_KEY, null).statusCode()).isEqualTo(200);
    assertThat(gw.proxy("GET", "/v1/vllm/v1/models", null, "Authorization", "Bearer " + APP_KEY).statusCode())
        .isEqualTo(200);
    // a credential addressed by its key through the Admin API on the proxy port: the path carries the key
    assertThat(gw.proxy("GET", "/admin-api/key-auths/" + APP_KEY, null, "apikey", ADMIN_KEY).statusCode())
        .isEqualTo(200);
    // 401s with a wrong key in every source
    assertThat(gw.proxy("GET", "/admin-api/services?apikey=" + WRONG_KEY, null, "apikey", WRONG_KEY,
        "Authorization", "Bearer " + WRONG_KEY).statusCode()).isEqualTo(401);
    // 403: the application key on the Admin API
    assertThat(gw.proxy("GET", "/admin-api/consumers?apikey=" + APP_KEY, null).statusCode()).isEqualTo(403);
    // 404 with secrets attached
    assertThat(gw.proxy("GET", "/nowhere?apikey=" + ADMIN_KEY, null, "Authorization", bearerAdmin)
        .statusCode()).isEqualTo(404);
    // 502: the upstream is gone
    assertThat(gw.proxy("GET", "/dead/x?apikey=" + APP_KEY, null, "Authorization", "Bearer " + APP_KEY)
        .statusCode()).isEqualTo(502);
    // 500: a plugin throws
    assertThat(gw.proxy("GET", "/boom/x?apikey=" + ADMIN_KEY, null, "Authorization", bearerAdmin).statusCode())
        .isEqualTo(500);
    // 400s: a bad escape and a malformed header block, key in the query and a header
    RawExchange bad = RawExchange.send(gw.proxyPort(), "GET /admin-api/%zz?apikey=" + ADMIN_KEY
        + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearerAdmin + "\r\nConnection: close\r\n\r\n");
    assertThat(bad.status()).isEqualTo(400);
    RawExchange garbage = RawExchange.send(gw.proxyPort(), "GET /v1/vllm/x?apikey=" + ADMIN_KEY
        + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearerAdmin + "\r\nno colon here\r\n\r\n");
    assertThat(garbage.status()).isEqualTo(400);
    // the admin listener itself: an error and a bad body, with an Authorization header
    assertThat(gw.admin("GET", "/key-auths/nope?apikey=" + ADMIN_KEY, null, "Authorization", bearerAdmin)
        .statusCode()).isEqualTo(404);
    assertThat(gw.admin("POST", "/consumers", "{not json " + ADMIN_KEY, "Content-Type", "application/json",
        "Authorization", bearerAdmin).statusCode()).isEqualTo(400);
  }
}
