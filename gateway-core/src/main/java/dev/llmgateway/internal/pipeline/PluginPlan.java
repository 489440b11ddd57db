package dev.llmgateway.internal.pipeline;

import dev.llmgateway.entity.PluginBinding;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The plugins that may run for one route, one slot per plugin name in run order. Each slot holds the best
 * binding without a consumer and the consumer-scoped bindings, so the consumer known after authentication picks
 * its instance in O(1) (Kong's eight precedence levels, see {@link PluginBinding#scopeRank()}).
 */
public final class PluginPlan {
  /** A plan without plugins; shared. */
  public static final PluginPlan EMPTY = new PluginPlan(List.of(), 0);

  private final Slot[] slots;
  private final int bodyLimit;

  PluginPlan(List<Slot> slots, int bodyLimit) {
    this.slots = slots.toArray(new Slot[0]);
    this.bodyLimit = bodyLimit;
  }

  /** The number of plugin names in this plan. */
  public int size() {
    return slots.length;
  }

  public boolean isEmpty() {
    return slots.length == 0;
  }

  /**
   * The largest request body any candidate plugin wants buffered before access (0: none); the server reads the
   * body up to this size before running the plan.
   */
  public int bodyLimit() {
    return bodyLimit;
  }

  /** The plugin type of slot {@code i}. */
  public PluginType<?> type(int i) {
    return slots[i].type;
  }

  /**
   * The instance to run in slot {@code i} for this consumer (may be null) and scheme, or null when no binding
   * applies: the most specific binding wins, and it applies only when its protocols include the scheme.
   */
  public Plugin select(int i, UUID consumerId, String scheme) {
    Slot s = slots[i];
    Candidate best = s.general;
    if (consumerId != null && s.byConsumer != null) {
      Candidate c = s.byConsumer.get(consumerId);
      if (c != null && (best == null || c.rank > best.rank)) {
        best = c;
      }
    }
    if (best == null || !best.runsOn(scheme)) {
      return null;
    }
    return best.plugin;
  }

  /** One configured instance with the precedence of its scope. */
  record Candidate(PluginBinding binding, Plugin plugin, int rank, boolean http, boolean https) {
    Candidate(PluginBinding binding, Plugin plugin, int rank) {
      this(binding, plugin, rank, binding.protocols().contains("http"), binding.protocols().contains("https"));
    }

    /** Whether the binding's protocols include {@code scheme}; the two usual ones answered from flags. */
    boolean runsOn(String scheme) {
      if ("http".equals(scheme)) {
        return http;
      }
      if ("https".equals(scheme)) {
        return https;
      }
      return binding.protocols().contains(scheme);
    }
  }

  /** The candidates of one plugin name for one route. */
  static final class Slot {
    final PluginType<?> type;
    final Candidate general;
    final Map<UUID, Candidate> byConsumer;

    Slot(PluginType<?> type, Candidate general, Map<UUID, Candidate> byConsumer) {
      this.type = type;
      this.general = general;
      this.byConsumer = byConsumer == null || byConsumer.isEmpty() ? null : Map.copyOf(byConsumer);
    }
  }
}
