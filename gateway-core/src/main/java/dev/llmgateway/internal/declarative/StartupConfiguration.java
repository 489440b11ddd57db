package dev.llmgateway.internal.declarative;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.store.ConfigStore;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.EntityWrites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Decides which configuration a gateway starts with, and starts its {@link ConfigWriter}:
 * <ul>
 *   <li>with a config file ({@code --config kong.yml}): the file replaces the stored configuration, at every start;
 *   <li>without one: the data dir wins; the built-in default stack is written only into an empty (fresh) store.
 * </ul>
 * Either way the chosen configuration is durable in the store before the listeners open.
 */
public final class StartupConfiguration {
  /** Where the running configuration came from. */
  public enum Source { CONFIG_FILE, STORED, DEFAULT_STACK, EMPTY }

  /** A started writer and where its configuration came from. */
  public record Started(ConfigWriter writer, Source source) {}

  private StartupConfiguration() {}

  /** The rule itself, apart from any I/O. */
  public static Source choose(boolean hasConfigFile, boolean storeHasConfig, boolean hasDefaultStack) {
    if (hasConfigFile) {
      return Source.CONFIG_FILE;
    }
    if (storeHasConfig) {
      return Source.STORED;
    }
    return hasDefaultStack ? Source.DEFAULT_STACK : Source.EMPTY;
  }

  /**
   * Opens {@code store} and applies the rule. {@code configFile} may be null (no {@code --config});
   * {@code defaultStack} supplies declarative text for a fresh store, or is null. An invalid file throws
   * {@link DeclarativeError} (every error with its path) and leaves the store untouched.
   */
  public static Started open(ConfigStore store, PluginRegistry registry, PluginStates state, Path configFile,
      Supplier<String> defaultStack) throws IOException {
    String fileText = configFile == null ? null : Files.readString(configFile, StandardCharsets.UTF_8);
    ConfigWriter writer = ConfigWriter.start(store, registry, state);
    try {
      Source source = choose(fileText != null, writer.storedBefore(), defaultStack != null);
      DeclarativeConfig loader = new DeclarativeConfig(registry.entityTypes(), System::currentTimeMillis);
      if (source == Source.CONFIG_FILE) {
        replace(writer, loader.load(fileText));
      } else if (source == Source.DEFAULT_STACK) {
        replace(writer, loader.load(Objects.requireNonNull(defaultStack.get(), "default stack")));
      }
      return new Started(writer, source);
    } catch (RuntimeException | IOException e) {
      writer.close();
      throw e;
    }
  }

  private static void replace(ConfigWriter writer, Configuration configuration) throws IOException {
    try {
      writer.submit(cfg -> EntityWrites.replaceAll(cfg, configuration)).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String detail = cause instanceof ApiError api ? api.getMessage() : String.valueOf(cause);
      throw new IOException("could not store the start-up configuration: " + detail, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while storing the start-up configuration", e);
    } catch (TimeoutException e) {
      throw new IOException("timed out storing the start-up configuration", e);
    }
  }
}
