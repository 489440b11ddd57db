package dev.llmgateway.internal.store;

import dev.llmgateway.store.SharedConfigStore;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.store.StaleWriteException;

import dev.llmgateway.store.StoredConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The writer's side of cluster mode, without a database: two writers on one shared store (as two nodes on one
 * PostgreSQL) catch up with each other's writes, and a write based on an outdated configuration is checked again
 * after catching up, so uniqueness and references hold across nodes.
 */
class SharedStoreWriterTest {
  private final EntityWrites writes = EntityWrites.withSystemClock();

  /** What the nodes share: a version, the change log, and the nodes to notify. */
  static final class Database {
    final List<Map<String, Object>> log = new ArrayList<>();
    final List<Runnable> listeners = new ArrayList<>();
    int staleCommits;
  }

  /** One node's view of the {@link Database}, refusing commits based on an old version as PostgreSQL's does. */
  static final class Node implements SharedConfigStore {
    final Database db;
    int version;

    Node(Database db) {
      this.db = db;
    }

    @Override
    public Optional<StoredConfig> load() {
      return Optional.empty();
    }

    @Override
    public void commit(List<ChangeSet> changes, Configuration result) throws StaleWriteException {
      List<Runnable> notify;
      synchronized (db) {
        if (version != db.log.size()) {
          db.staleCommits++;
          throw new StaleWriteException("behind");
        }
        for (ChangeSet c : changes) {
          // Through JSON, as a real store keeps them.
          db.log.add(Json.parseObject(Json.write(c.toJson())));
        }
        version = db.log.size();
        notify = List.copyOf(db.listeners);
      }
      notify.forEach(Runnable::run);
    }

    @Override
    public Optional<Catchup> pull() {
      synchronized (db) {
        if (version == db.log.size()) {
          return Optional.empty();
        }
        List<Map<String, Object>> missed = new ArrayList<>(db.log.subList(version, db.log.size()));
        version = db.log.size();
        return Optional.of(new Catchup(null, missed));
      }
    }

    @Override
    public void onRemoteChange(Runnable nudge) {
      synchronized (db) {
        db.listeners.add(nudge);
      }
    }

    @Override
    public void close() {}
  }

  @Test
  void aWriteOnOneNodeReachesTheOther() throws Exception {
    Database db = new Database();
    try (ConfigWriter a = writer(db); ConfigWriter b = writer(db)) {
      Row svc = a.submit(cfg -> writes.insert(cfg, Service.TYPE, Map.of("name", "s1", "host", "a.test")))
          .get(5, TimeUnit.SECONDS);
      await(() -> b.live().current().configuration().get(Service.TYPE, svc.uuid("id")) != null);
      assertThat(b.live().current().configuration().find(Service.TYPE, "s1").string("host")).isEqualTo("a.test");
    }
  }

  @Test
  void aNodeBehindChecksItsWriteAgainAfterCatchingUp() throws Exception {
    Database db = new Database();
    try (ConfigWriter a = writer(db); ConfigWriter b = writer(db)) {
      // B does not hear of A's write before writing (as with a notification still on its way).
      synchronized (db) {
        db.listeners.clear();
      }
      a.submit(cfg -> writes.insert(cfg, Service.TYPE, Map.of("name", "dup", "host", "a.test")))
          .get(5, TimeUnit.SECONDS);
      CompletableFuture<Row> late = b.submit(cfg -> writes.insert(cfg, Service.TYPE,
          Map.of("name", "dup", "host", "b.test")));
      assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo(5);
          });
      assertThat(db.staleCommits).isEqualTo(1);
      assertThat(db.log).hasSize(1);
      assertThat(b.live().current().configuration().find(Service.TYPE, "dup").string("host")).isEqualTo("a.test");
    }
  }

  @Test
  void aRouteForAServiceAnotherNodeDeletedIsRefusedWithKongsForeignKeyError() throws Exception {
    Database db = new Database();
    try (ConfigWriter a = writer(db); ConfigWriter b = writer(db)) {
      Row svc = a.submit(cfg -> writes.insert(cfg, Service.TYPE, Map.of("name", "s", "host", "a.test")))
          .get(5, TimeUnit.SECONDS);
      await(() -> b.live().current().configuration().get(Service.TYPE, svc.uuid("id")) != null);
      synchronized (db) {
        db.listeners.clear();
      }
      a.submit(cfg -> writes.delete(cfg, Service.TYPE, cfg.get(Service.TYPE, svc.uuid("id"))))
          .get(5, TimeUnit.SECONDS);
      CompletableFuture<Row> route = b.submit(cfg -> writes.insert(cfg, Route.TYPE, Map.of("name", "r",
          "paths", List.of("/r"), "service", Map.of("id", svc.uuid("id").toString()))));
      assertThatThrownBy(() -> route.get(5, TimeUnit.SECONDS)).cause()
          .isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(4);
          });
      assertThat(b.live().current().configuration().rows(Route.TYPE)).isEmpty();
    }
  }

  private static ConfigWriter writer(Database db) throws Exception {
    return ConfigWriter.start(new Node(db), TestPlugins.registry(), new PluginStates());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
