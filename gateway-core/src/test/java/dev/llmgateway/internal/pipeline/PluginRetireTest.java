package dev.llmgateway.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.plugin.Plugin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Plugin#retire()}: once per replaced instance, after the swap, and never a reason for a swap to fail. */
class PluginRetireTest {
  private final List<String> retired = new CopyOnWriteArrayList<>();
  private final AtomicReference<LiveConfig> live = new AtomicReference<>();
  private final List<ConfigSnapshot> currentAtRetire = new CopyOnWriteArrayList<>();

  /** A plugin that notes its label and the live snapshot when retired; label "bad" throws, "refuse" cannot start. */
  private Plugin plugin(String label) {
    if (label.equals("refuse")) {
      throw new IllegalArgumentException("refused");
    }
    return new Plugin() {
      @Override
      public void retire() {
        retired.add(label);
        currentAtRetire.add(live.get().current());
        if (label.equals("bad")) {
          throw new IllegalStateException("retire failed");
        }
      }
    };
  }

  private final Fixtures.TestType type = new Fixtures.TestType("retiring", 10, true,
      setup -> plugin(setup.config().label()));

  @Test
  void replacedInstancesRetireOnceAfterTheNewSnapshotIsLive() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type));
    PluginStates state = new PluginStates();
    c.plugin("retiring", "bad", null, null, null);
    c.plugin("retiring", "first", c.route(null, "/r"), null, null);
    ConfigSnapshot first = c.snapshot(state);
    live.set(new LiveConfig(first));
    assertThat(retired).isEmpty();

    c.service("unrelated.test", true);
    ConfigSnapshot second = c.snapshot(state);
    live.get().swap(second); // "bad" throws from retire: logged, the swap and the other retire go through
    assertThat(live.get().current()).isSameAs(second);
    assertThat(retired).containsExactlyInAnyOrder("bad", "first");
    assertThat(currentAtRetire).containsOnly(second);

    live.get().swap(second);
    first.retire();
    assertThat(retired).hasSize(2);
  }

  @Test
  void aSnapshotThatFailsToBuildRetiresWhatItHadCreated() {
    Fixtures.Config c = new Fixtures.Config(PluginRegistry.of(type));
    c.plugin("retiring", "made", null, null, null);
    c.plugin("retiring", "refuse", c.route(null, "/r"), null, null, Map.of());
    ConfigSnapshot placeholder = new Fixtures.Config(PluginRegistry.of(type)).snapshot(new PluginStates());
    live.set(new LiveConfig(placeholder));
    assertThatThrownBy(() -> c.snapshot(new PluginStates())).hasMessage("refused");
    assertThat(retired).containsExactly("made");
  }
}
