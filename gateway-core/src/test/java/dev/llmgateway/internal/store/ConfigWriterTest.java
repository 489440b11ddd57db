package dev.llmgateway.internal.store;

import dev.llmgateway.store.ConfigStore;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.store.StoredConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConfigWriterTest {
  private final EntityWrites writes = EntityWrites.withSystemClock();

  /** A memory store that counts commits and can hold the writer inside one. */
  static final class GatedStore extends MemoryStoreWrapper {
    final AtomicInteger commits = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void commit(List<ChangeSet> changes, Configuration result) throws java.io.IOException {
      if (commits.incrementAndGet() == 1) {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      super.commit(changes, result);
    }
  }

  /** Delegates to a {@link MemoryConfigStore}. */
  static class MemoryStoreWrapper implements ConfigStore {
    final MemoryConfigStore delegate = new MemoryConfigStore();

    @Override
    public java.util.Optional<StoredConfig> load() {
      return delegate.load();
    }

    @Override
    public void commit(List<ChangeSet> changes, Configuration result) throws java.io.IOException {
      delegate.commit(changes, result);
    }

    @Override
    public void close() {}
  }

  @Test
  void writesThatArriveTogetherAreCommittedTogetherAndStillChecked() throws Exception {
    GatedStore store = new GatedStore();
    try (ConfigWriter writer = ConfigWriter.start(store, TestPlugins.registry(), new PluginStates())) {
      CompletableFuture<Row> first = writer.submit(cfg -> writes.insert(cfg, Service.TYPE,
          Map.of("name", "first", "host", "f.test")));
      assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Row>> queued = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        queued.add(writer.submit(cfg -> writes.insert(cfg, Service.TYPE, Map.of("name", "dup", "host", "d.test"))));
      }
      store.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      int created = 0;
      int refused = 0;
      for (CompletableFuture<Row> f : queued) {
        try {
          f.get(10, TimeUnit.SECONDS);
          created++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(((ApiError) e.getCause()).status()).isEqualTo(409);
          refused++;
        }
      }
      assertThat(created).isEqualTo(1);
      assertThat(refused).isEqualTo(19);
      assertThat(store.commits.get()).isEqualTo(2);
      assertThat(writer.live().current().configuration().rows(Service.TYPE)).hasSize(2);
    }
  }

  @Test
  void aMutationThatFailsUnexpectedlyChangesNothing() throws Exception {
    MemoryStoreWrapper store = new MemoryStoreWrapper();
    try (ConfigWriter writer = ConfigWriter.start(store, TestPlugins.registry(), new PluginStates())) {
      Configuration base = writer.live().current().configuration();
      CompletableFuture<Row> bad = writer.submit(cfg -> {
        throw new IllegalStateException("boom");
      });
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
      assertThat(writer.live().current().configuration()).isSameAs(base);
      assertThat(store.load()).isEmpty();
    }
  }

  /** A plugin type whose instances refuse to be created when their config says so. */
  /** The fragile plugin's config. */
  record FragileConfig(boolean explode) {}

  static final PluginType<FragileConfig> FRAGILE = new PluginType<>() {
    private final Schema config = Schema.of("config", Field.bool("explode").required().defaultValue(false));

    @Override
    public String name() {
      return "fragile";
    }

    @Override
    public int priority() {
      return 1;
    }

    @Override
    public Schema configSchema() {
      return config;
    }

    @Override
    public Class<FragileConfig> configType() {
      return FragileConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<FragileConfig> setup) {
      if (setup.config().explode()) {
        throw new IllegalArgumentException("fragile cannot start");
      }
      return new Plugin() {};
    }
  };

  @Test
  void aSnapshotThatCannotBeBuiltRefusesOnlyTheCulpritOfABatch() throws Exception {
    GatedStore store = new GatedStore();
    PluginRegistry registry = PluginRegistry.of(TestPlugins.KEY_AUTH, FRAGILE);
    try (ConfigWriter writer = ConfigWriter.start(store, registry, new PluginStates())) {
      EntityType plugins = registry.entityTypes().plugins();
      CompletableFuture<Row> first = writer.submit(cfg -> writes.insert(cfg, plugins, Map.of("name", "key-auth")));
      assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Row> bad = writer.submit(cfg -> writes.insert(cfg, plugins,
          Map.of("name", "fragile", "config", Map.of("explode", true))));
      CompletableFuture<Row> good = writer.submit(cfg -> writes.insert(cfg, Service.TYPE,
          Map.of("name", "fine", "host", "f.test")));
      store.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      good.get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ApiError.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("the configuration cannot be applied: fragile cannot start");
      });
      Configuration live = writer.live().current().configuration();
      assertThat(live.rows(plugins)).hasSize(1);
      assertThat(live.rows(Service.TYPE)).hasSize(1);
      assertThat(RowCodec.toConfiguration(store.load().orElseThrow(), registry.entityTypes())).isEqualTo(live);
    }
  }
}
