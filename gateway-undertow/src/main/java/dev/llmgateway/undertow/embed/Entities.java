package dev.llmgateway.undertow.embed;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.EntityWrites;
import dev.llmgateway.internal.store.Mutation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Changes a running gateway's services, routes, consumers, credentials and plugins from code, through the same
 * validation, integrity rules and store as the Admin API: each call returns once the change is stored and live
 * (the next request sees it; requests in flight finish on what they started with), or throws
 * {@link GatewayConfigException} with the error the Admin API would answer. Tables are Kong's names
 * ({@code services}, {@code routes}, {@code consumers}, {@code plugins}, {@code keyauth_credentials}, {@code acls},
 * ...). Several changes that belong together go through {@link #apply}: all of them or none, in one swap. The
 * blocking calls wait until the write is durable, so never call them on an IO thread (e.g. inside a plugin); the
 * {@code *Async} variants return at once.
 */
public final class Entities implements EntityEditor {
  private static final long WRITE_TIMEOUT_SECONDS = 30;

  private final ConfigWriter writer;
  private final EntityWrites writes = EntityWrites.withSystemClock();

  Entities(ConfigWriter writer) {
    this.writer = writer;
  }

  @Override
  public Row create(String table, Map<String, Object> fields) {
    return apply(tx -> tx.create(table, fields));
  }

  @Override
  public Row update(String table, String idOrName, Map<String, Object> patch) {
    return apply(tx -> tx.update(table, idOrName, patch));
  }

  @Override
  public boolean delete(String table, String idOrName) {
    return apply(tx -> tx.delete(table, idOrName));
  }

  @Override
  public Row get(String table, String idOrName) {
    return new EntityTransaction(current(), writes).get(table, idOrName);
  }

  @Override
  public List<Row> list(String table) {
    return new EntityTransaction(current(), writes).list(table);
  }

  /**
   * Runs {@code changes} against the configuration as it is, then stores and swaps in everything they did as
   * one change: concurrent requests see all of it or none of it, and a refusal anywhere (the exception
   * propagates) leaves the configuration untouched. {@code changes} runs on the configuration writer's thread,
   * one transaction at a time; keep it to entity calls on the editor it is given. Returns its result.
   */
  public <T> T apply(Function<EntityEditor, T> changes) {
    return await(applyAsync(changes));
  }

  /** {@link #apply} without waiting: the stage completes once the change is durable and live. */
  public <T> CompletionStage<T> applyAsync(Function<EntityEditor, T> changes) {
    Objects.requireNonNull(changes, "changes");
    Mutation<T> mutation = cfg -> {
      EntityTransaction tx = new EntityTransaction(cfg, writes);
      T result = changes.apply(tx);
      return tx.outcome(result);
    };
    return writer.submit(mutation).handle((result, failure) -> {
      if (failure != null) {
        throw translate(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
      }
      return result;
    });
  }

  /** {@link #create} without waiting. */
  public CompletionStage<Row> createAsync(String table, Map<String, Object> fields) {
    return applyAsync(tx -> tx.create(table, fields));
  }

  /** {@link #update} without waiting. */
  public CompletionStage<Row> updateAsync(String table, String idOrName, Map<String, Object> patch) {
    return applyAsync(tx -> tx.update(table, idOrName, patch));
  }

  /** {@link #delete} without waiting. */
  public CompletionStage<Boolean> deleteAsync(String table, String idOrName) {
    return applyAsync(tx -> tx.delete(table, idOrName));
  }

  /** The configuration as it is now (immutable). */
  public Configuration current() {
    return writer.live().current().configuration();
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayConfigException(503, Map.of("message", "interrupted while writing the configuration"));
    } catch (TimeoutException e) {
      throw new GatewayConfigException(503, Map.of("message", "the configuration store did not answer in time"));
    }
  }

  static RuntimeException translate(Throwable cause) {
    if (cause instanceof GatewayConfigException refused) {
      return refused;
    }
    if (cause instanceof ApiError api) {
      return new GatewayConfigException(api.status(), api.body());
    }
    if (cause instanceof SchemaViolation violation) {
      return new GatewayConfigException(400, violation.toJson());
    }
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }
}
