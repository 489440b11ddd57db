package dev.llmgateway.internal.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.testing.TestGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretNamesTest {
  @Test
  void configuredKeyNamesAreSecretToo() {
    TestGateway gw = new TestGateway(new KeyAuthType());
    gw.plugin("key-auth", Map.of("key_names", List.of("X-Tenant-Key", "apikey")));
    SecretNames names = SecretNames.of(gw.snapshot());
    assertThat(names.names()).containsExactly("apikey", "authorization", "proxy-authorization", "x-tenant-key");
    assertThat(names.isSecretHeader("x-TENANT-key")).isTrue();
    assertThat(names.isSecretHeader("Content-Type")).isFalse();
    assertThat(SecretNames.of(gw.snapshot())).isSameAs(names);
  }

  @Test
  void queryValuesAreRedactedAndTheRestKept() {
    SecretNames names = SecretNames.always();
    assertThat(names.redactQuery("a=1&apikey=s3cret&b=%20x&%61pikey=s3cret&APIKEY=s3cret&apikey"))
        .isEqualTo("a=1&apikey=REDACTED&b=%20x&%61pikey=REDACTED&APIKEY=REDACTED&apikey");
    assertThat(names.redactQuery(null)).isNull();
    assertThat(names.redactQuery("x=1")).isEqualTo("x=1");
    assertThat(names.redactQuery("&apikey=k")).isEqualTo("&apikey=REDACTED");
  }
}
