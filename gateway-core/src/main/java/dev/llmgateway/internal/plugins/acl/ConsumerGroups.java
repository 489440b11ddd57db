package dev.llmgateway.internal.plugins.acl;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.schema.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The groups of every consumer in one snapshot, in the order they were added; built once and shared, with each
 * consumer's {@code X-Consumer-Groups} value made once, so the acl check is a hash lookup and no string building.
 */
public final class ConsumerGroups {
  private static final Object DERIVED_KEY = ConsumerGroups.class;
  private static final Groups NONE = new Groups(List.of(), "");

  private final Map<UUID, Groups> byConsumer;

  private ConsumerGroups(Map<UUID, Groups> byConsumer) {
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
    Map<UUID, Groups> groups = new HashMap<>();
    map.forEach((k, v) -> groups.put(k, new Groups(List.copyOf(v), String.join(", ", v))));
    return new ConsumerGroups(groups);
  }

  /** The groups of a consumer; empty when it has none. */
  public List<String> of(UUID consumerId) {
    return byConsumer.getOrDefault(consumerId, NONE).list();
  }

  /** The groups of a consumer as {@code X-Consumer-Groups} shows them ({@code "a, b"}); empty when none. */
  String header(UUID consumerId) {
    return byConsumer.getOrDefault(consumerId, NONE).header();
  }

  private record Groups(List<String> list, String header) {}
}
