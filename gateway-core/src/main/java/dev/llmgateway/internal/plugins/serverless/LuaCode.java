package dev.llmgateway.internal.plugins.serverless;

import java.util.Set;

/**
 * Kong configuration that runs Lua code, which this gateway cannot run: the serverless plugins
 * ({@code pre-function}, {@code post-function}) and Lua-valued fields of other plugins. Each refusal names what was
 * refused and says what to do instead, so that a {@code kong.yml} never loses behaviour silently.
 */
public final class LuaCode {
  /** Plugins whose whole config is Lua source: Kong OSS's serverless functions. */
  public static final Set<String> PLUGINS = Set.of("pre-function", "post-function");

  private static final String INSTEAD = "write it as a Java plugin instead (implement dev.llmgateway.plugin.PluginType;"
      + " see docs/plugins.md)";

  private LuaCode() {}

  /** The refusal for a plugin whose config runs Lua, or null when {@code plugin} is not one. */
  public static String pluginRefusal(String plugin) {
    if (!PLUGINS.contains(plugin)) {
      return null;
    }
    return "plugin '" + plugin + "' runs Lua code, which cannot run in this gateway (it has no Lua runtime); "
        + INSTEAD;
  }

  /** The refusal for a Lua-valued field of a plugin this gateway runs ({@code what} says which, e.g. a template). */
  public static String fieldRefusal(String plugin, String what) {
    return plugin + ": " + what + " is Lua code, which cannot run in this gateway; " + INSTEAD;
  }
}
