package dev.llmgateway.internal.config;

import dev.llmgateway.entity.Target;
import dev.llmgateway.entity.Upstream;
import java.util.List;
import java.util.Objects;

/** An upstream with its targets that take traffic (weight above 0), as the balancer needs them. */
public record UpstreamTargets(Upstream upstream, List<Target> targets) {
  public UpstreamTargets {
    Objects.requireNonNull(upstream, "upstream");
    targets = List.copyOf(targets);
  }
}
