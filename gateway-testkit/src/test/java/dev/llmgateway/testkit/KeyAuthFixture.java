package dev.llmgateway.testkit;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Row;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The key-auth tests' gateway: key-auth (with the config a test picks) on the route {@code /v1} to the recording
 * upstream, consumers alice (custom id {@code alice-custom}, key {@code alice-key}) and bob ({@code bob-key}).
 */
abstract class KeyAuthFixture {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins(types());
  String aliceId;
  String aliceCredential;

  /** Plugin types the gateway runs besides the bundled ones (a same-named one replaces the bundled type). */
  PluginType<?>[] types() {
    return new PluginType<?>[0];
  }

  /** The route with key-auth configured so, and the consumers with their keys, as one change. */
  void keyAuth(Map<String, Object> config) {
    gw.route("/v1", "key-auth", config);
    gw.entities().apply(tx -> {
      Row alice = tx.create("consumers", Map.of("username", "alice", "custom_id", "alice-custom"));
      aliceId = alice.uuid("id").toString();
      tx.addConsumer("bob");
      aliceCredential = tx.addKey("alice", "alice-key").uuid("id").toString();
      return tx.addKey("bob", "bob-key");
    });
  }

  /** {@code GET path} with header name/value pairs. */
  HttpResponse<String> get(String path, String... headers) throws Exception {
    return gw.get(path, headers);
  }

  /** The JSON {@code message} of an answer the gateway gave itself. */
  static String message(HttpResponse<String> r) {
    return (String) Json.parseObject(r.body()).get("message");
  }

  /** Whether the access phase let the request through: only the upstream answers 200 here. */
  static boolean proceeded(HttpResponse<String> r) {
    return r.statusCode() == 200;
  }

  /** A header of the last request the upstream received. */
  String upstreamHeader(String name) {
    return gw.upstream().last().header(name);
  }
}
