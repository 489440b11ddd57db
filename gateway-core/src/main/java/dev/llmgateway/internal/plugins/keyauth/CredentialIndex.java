package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Every key-auth credential of one snapshot, indexed for lookups that leak nothing through timing: the map is
 * keyed by the SHA-256 of the key (so probing the hash table reveals only digests), and the stored key is then
 * compared with {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ.
 */
final class CredentialIndex {
  private static final Object DERIVED_KEY = CredentialIndex.class;
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(CredentialIndex::sha256);

  private final Map<ByteBuffer, Entry> byDigest;

  private CredentialIndex(Map<ByteBuffer, Entry> byDigest) {
    this.byDigest = byDigest;
  }

  /** The index of the snapshot behind {@code view}, built on first use and shared by every key-auth instance. */
  static CredentialIndex of(ConfigView view) {
    return view.derived(DERIVED_KEY, CredentialIndex::build);
  }

  static CredentialIndex build(Configuration configuration) {
    Map<ByteBuffer, Entry> map = new HashMap<>();
    for (Row row : configuration.rows(KeyAuthCredential.TYPE)) {
      KeyAuthCredential credential = KeyAuthCredential.of(row);
      byte[] key = credential.key().getBytes(StandardCharsets.UTF_8);
      map.put(ByteBuffer.wrap(digest(key)), new Entry(key, credential));
    }
    return new CredentialIndex(map);
  }

  /** The credential whose key is exactly {@code key}, or null. */
  KeyAuthCredential find(String key) {
    byte[] presented = key.getBytes(StandardCharsets.UTF_8);
    Entry entry = byDigest.get(ByteBuffer.wrap(digest(presented)));
    if (entry == null || !MessageDigest.isEqual(entry.key, presented)) {
      return null;
    }
    return entry.credential;
  }

  int size() {
    return byDigest.size();
  }

  private static byte[] digest(byte[] bytes) {
    MessageDigest md = SHA256.get();
    md.reset();
    return md.digest(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private record Entry(byte[] key, KeyAuthCredential credential) {}
}
