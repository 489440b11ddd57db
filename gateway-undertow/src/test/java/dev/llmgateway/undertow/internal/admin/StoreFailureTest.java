package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.store.ChangeSet;
import dev.llmgateway.store.ConfigStore;
import dev.llmgateway.internal.store.MemoryConfigStore;
import dev.llmgateway.store.StoredConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A store that cannot make a change durable: the write answers 503 and the running configuration stays. */
class StoreFailureTest {
  /** A memory store whose commits fail while {@code failing} is set (as a full disk would). */
  static final class FailingStore implements ConfigStore {
    final MemoryConfigStore delegate = new MemoryConfigStore();
    final AtomicBoolean failing = new AtomicBoolean();
    private volatile boolean healthy = true;

    @Override
    public Optional<StoredConfig> load() {
      return delegate.load();
    }

    @Override
    public void commit(List<ChangeSet> changes, Configuration result) throws IOException {
      if (failing.get()) {
        healthy = false;
        throw new IOException("No space left on device");
      }
      delegate.commit(changes, result);
      healthy = true;
    }

    @Override
    public boolean healthy() {
      return healthy;
    }

    @Override
    public void close() {}
  }

  private static final String UNAVAILABLE = "{\"message\":\"configuration store unavailable: IOException "
      + "(No space left on device); the change was not applied and the running configuration is unchanged\"}";

  @Test
  void writesAnswer503AndChangeNothingWhileTheStoreFails() throws Exception {
    FailingStore store = new FailingStore();
    try (AdminListener admin = AdminListener.start(store)) {
      assertThat(admin.form("POST", "/services", "name=s&host=s.test").statusCode()).isEqualTo(201);
      String before = admin.get("/services").body();
      long generation = admin.writer.live().current().generation();
      store.failing.set(true);
      for (HttpResponse<String> r : List.of(
          admin.form("POST", "/services", "name=t&host=t.test"),
          admin.form("PATCH", "/services/s", "retries=1"),
          admin.form("PUT", "/services/u", "host=u.test"),
          admin.delete("/services/s"),
          admin.send("POST", "/config", "application/yaml", "_format_version: \"3.0\"\n"))) {
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo(UNAVAILABLE);
      }
      assertThat(admin.get("/services").body()).isEqualTo(before);
      assertThat(admin.writer.live().current().generation()).isEqualTo(generation);
      assertThat(admin.get("/status").body()).contains("\"database\":{\"reachable\":false}")
          .contains("\"healthy\":false");
      assertThat(admin.delete("/services/ghost").statusCode()).as("a delete of nothing changes nothing")
          .isEqualTo(204);
      store.failing.set(false);
      assertThat(admin.form("PATCH", "/services/s", "retries=1").statusCode()).isEqualTo(200);
      assertThat(admin.get("/status").body()).contains("\"database\":{\"reachable\":true}");
    }
  }
}
