package dev.llmgateway.undertow.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import org.junit.jupiter.api.Test;

class PluginLogHooksTest {
  static class Silent implements Plugin {}

  static class Logging implements Plugin {
    @Override
    public void log(LogContext ctx) {}
  }

  static class InheritsLogging extends Logging {}

  @Test
  void onlyPluginsWithALogPhaseOfTheirOwnTakePartInIt() {
    assertThat(PluginLogHooks.logs(new Silent())).isFalse();
    assertThat(PluginLogHooks.logs(new Logging())).isTrue();
    assertThat(PluginLogHooks.logs(new InheritsLogging())).isTrue();
    assertThat(PluginLogHooks.logs(new Plugin() {})).isFalse();
  }
}
