package dev.llmgateway.internal.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key index a snapshot's key-auth instances share. */
class CredentialIndexTest extends KeyAuthFixture {
  @Test
  void credentialIndexMatchesWholeKeysOnly() {
    keyAuth(Map.of());
    CredentialIndex index = CredentialIndex.of(gw.snapshot());
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.find("alice-key").consumerId()).isEqualTo(aliceId);
    assertThat(index.find("alice-key\0")).isNull();
    assertThat(index.find("alice")).isNull();
    assertThat(index.find("")).isNull();
    assertThat(CredentialIndex.of(gw.snapshot())).isSameAs(index);
  }
}
