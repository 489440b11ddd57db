package dev.llmgateway.store;

import dev.llmgateway.internal.store.ConfigWriter;

import java.io.IOException;
import java.util.Optional;

/**
 * A {@link ConfigStore} that several gateway nodes share (cluster mode). Other nodes commit to it too, so a
 * {@link #commit} based on an outdated configuration is refused with {@link StaleWriteException}; the
 * {@link ConfigWriter} then {@link #pull}s what it missed, re-applies the writes to the fresh configuration and
 * commits again. The store also tells the writer when it learns of a change made elsewhere.
 */
public interface SharedConfigStore extends ConfigStore {
  /**
   * What other nodes committed since this node's last load, commit or pull; empty when this node is up to date.
   * Called on the writer's thread only.
   */
  Optional<Catchup> pull() throws IOException;

  /** Called once by the writer: {@code nudge} is what the store runs (from any thread) when it sees a change. */
  void onRemoteChange(Runnable nudge);

  /**
   * Changes to apply to catch up: either the whole configuration ({@code full}, when the missed changes are no
   * longer all kept or one of them replaced everything) or the change sets in order ({@link ChangeSet#toJson()}).
   */
  record Catchup(StoredConfig full, java.util.List<java.util.Map<String, Object>> changes) {
    public Catchup {
      changes = changes == null ? java.util.List.of() : java.util.List.copyOf(changes);
    }
  }
}
