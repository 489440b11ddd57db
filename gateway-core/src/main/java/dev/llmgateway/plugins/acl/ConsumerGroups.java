package dev.llmgateway.plugins.acl;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The groups of every consumer in one snapshot, in the order they were added; built once and shared. */
public final class ConsumerGroups {
  private static final Object DERIVED_KEY = ConsumerGroups.class;

  private final Map<UUID, List<String>> byConsumer;

  private ConsumerGroups(Map<UUID, List<String>> byConsumer) {
    this.byConsumer = byConsumer;
  }

  /** The groups of the snapshot behind {@code view}. */
  public static ConsumerGroups of(ConfigView view) {
    return view.derived(DERIVED_KEY, ConsumerGroups::build);
  }

  static ConsumerGroups build(Configuration configuration) {
    Map<UUID, List<String>> map = new HashMap<>();
    for (Row row : configuration.rows(AclGroup.TYPE)) {
      AclGroup g = AclGroup.of(row);
      List<String> groups = map.computeIfAbsent(g.consumerId(), k -> new ArrayList<>());
      if (!groups.contains(g.group())) {
        groups.add(g.group());
      }
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return new ConsumerGroups(map);
  }

  /** The groups of a consumer; empty when it has none. */
  public List<String> of(UUID consumerId) {
    return byConsumer.getOrDefault(consumerId, List.of());
  }
}
