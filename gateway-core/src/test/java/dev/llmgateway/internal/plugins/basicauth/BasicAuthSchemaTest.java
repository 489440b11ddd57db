package dev.llmgateway.internal.plugins.basicauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import dev.llmgateway.internal.store.EntityKey;
import dev.llmgateway.internal.store.EntityWrites;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** basic-auth's config schema, its credential entity and Kong's password hashing on every kind of write. */
class BasicAuthSchemaTest {
  private final TestGateway gw = new TestGateway(new BasicAuthType());

  static String sha1Hex(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** The config record the gateway binds from a validated row. */
  static BasicAuthConfig bind(Row config) {
    return ConfigBinder.of("basic-auth", BasicAuthConfig.class, BasicAuthConfig.SCHEMA).bind(config);
  }

  @Test
  void everyFieldHasKongsDefault() {
    Row config = gw.validatePlugin("basic-auth", null, Map.of()).record("config");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("anonymous", null);
    expected.put("hide_credentials", false);
    expected.put("realm", "service");
    assertThat(config.asMap()).containsExactlyEntriesOf(expected);
    assertThat(bind(config)).isEqualTo(new BasicAuthConfig(null, false, "service"));
    assertThat(bind(config).wwwAuthenticate()).isEqualTo("Basic realm=\"service\"");
    assertThat(new BasicAuthType().priority()).isEqualTo(1100);
  }

  @Test
  void validationErrors() {
    assertThatThrownBy(() -> gw.validatePlugin("basic-auth", Map.of("hide_credentials", "yes"), Map.of()))
        .hasMessage("schema violation (config.hide_credentials: expected a boolean)");
    assertThatThrownBy(() -> gw.validatePlugin("basic-auth", Map.of("realm", 5L), Map.of()))
        .hasMessage("schema violation (config.realm: expected a string)");
    assertThatThrownBy(() -> gw.validatePlugin("basic-auth", Map.of("anonymous", true), Map.of()))
        .hasMessage("schema violation (config.anonymous: expected a string)");
    assertThatThrownBy(() -> gw.validatePlugin("basic-auth", Map.of("nope", 1L), Map.of()))
        .hasMessage("schema violation (config.nope: unknown field)");
    gw.consumer("alice");
    assertThatThrownBy(() -> gw.validatePlugin("basic-auth", null, Map.of("consumer", "alice")))
        .hasMessage("schema violation (consumer: value must be null)");
  }

  @Test
  void credentialRequiresUsernameAndPassword() {
    EntityWrites writes = new EntityWrites(() -> 1_700_000_000_000L);
    gw.consumer("alice");
    Map<String, Object> noFields = Map.of("consumer", Map.of("username", "alice"));
    assertThatThrownBy(() -> writes.insert(gw.configuration(), BasicAuthCredential.TYPE, noFields))
        .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.toJson().get("fields")).isEqualTo(
            Map.of("username", "required field missing", "password", "required field missing")));
  }

  @Test
  void everyWriteStoresKongsHash() throws Exception {
    EntityWrites writes = new EntityWrites(() -> 1_700_000_000_000L);
    String aliceId = gw.consumer("alice").toString();
    String bobId = gw.consumer("bob").toString();
    Configuration cfg = gw.configuration();
    Row inserted = writes.insert(cfg, BasicAuthCredential.TYPE,
        Map.of("consumer", Map.of("username", "alice"), "username", "al", "password", "s3cret")).result();
    assertThat(inserted.string("password")).isEqualTo(sha1Hex("s3cret" + aliceId)).hasSize(40);
    cfg = cfg.with(BasicAuthCredential.TYPE, inserted);
    EntityKey key = EntityKey.parse(BasicAuthCredential.TYPE, "al");
    Row renamed = writes.update(cfg, BasicAuthCredential.TYPE, key, Map.of("tags", java.util.List.of("t"))).result();
    assertThat(renamed.string("password")).isEqualTo(inserted.string("password"));
    Row newPassword = writes.update(cfg, BasicAuthCredential.TYPE, key, Map.of("password", "other")).result();
    assertThat(newPassword.string("password")).isEqualTo(sha1Hex("other" + aliceId));
    Configuration before = cfg;
    assertThatThrownBy(() -> writes.update(before, BasicAuthCredential.TYPE, key,
        Map.of("consumer", Map.of("id", bobId))))
        .hasMessage("schema violation (all or none of these fields must be set: 'password', 'consumer.id')");
    Row moved = writes.update(cfg, BasicAuthCredential.TYPE, key,
        Map.of("consumer", Map.of("id", bobId), "password", "x")).result();
    assertThat(moved.string("password")).isEqualTo(sha1Hex("x" + bobId));
    Row put = writes.upsert(cfg, BasicAuthCredential.TYPE, key,
        Map.of("consumer", Map.of("id", aliceId), "password", "p")).result();
    assertThat(put.string("password")).isEqualTo(sha1Hex("p" + aliceId));
  }

  @Test
  void declarativePlainPasswordsAreHashedExportedHashesKept() throws Exception {
    DeclarativeConfig loader = new DeclarativeConfig(gw.registry().entityTypes(), () -> 1_700_000_000_000L);
    String consumerId = "5c4b3a2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    String yaml = """
        _format_version: "3.0"
        consumers:
        - username: alice
          id: %s
          basicauth_credentials:
          - username: al
            password: s3cret
        """.formatted(consumerId);
    Row plain = loader.load(yaml).rows(BasicAuthCredential.TYPE).iterator().next();
    assertThat(plain.string("password")).isEqualTo(sha1Hex("s3cret" + consumerId));
    String exported = "_transform: false\n" + yaml.replace("password: s3cret", "password: " + sha1Hex("s3cret" + consumerId));
    Row kept = loader.load(exported).rows(BasicAuthCredential.TYPE).iterator().next();
    assertThat(kept.string("password")).isEqualTo(sha1Hex("s3cret" + consumerId));
    Configuration roundTrip = loader.load(dev.llmgateway.internal.json.Json.write(DeclarativeConfig.export(loader.load(yaml))));
    assertThat(roundTrip.rows(BasicAuthCredential.TYPE).iterator().next().string("password"))
        .isEqualTo(sha1Hex("s3cret" + consumerId));
  }

  @Test
  void credentialsParseAsKongParsesThem() {
    String b64 = java.util.Base64.getEncoder().encodeToString("user:pa:ss".getBytes(StandardCharsets.UTF_8));
    BasicCredentials c = BasicCredentials.parse("Basic " + b64);
    assertThat(c.username()).isEqualTo("user");
    assertThat(new String(c.password(), StandardCharsets.UTF_8)).isEqualTo("pa:ss");
    assertThat(BasicCredentials.parse("xx basic " + b64).username()).isEqualTo("user");
    assertThat(BasicCredentials.parse("Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes())))
        .isNull();
    assertThat(BasicCredentials.parse("Basic !!!")).isNull();
    assertThat(BasicCredentials.parse("Bearer abc")).isNull();
    BasicCredentials emptyPassword = BasicCredentials.parse("Basic "
        + java.util.Base64.getEncoder().encodeToString(":u:".getBytes()));
    assertThat(emptyPassword.username()).isEqualTo("u");
    assertThat(emptyPassword.password()).isEmpty();
  }
}
