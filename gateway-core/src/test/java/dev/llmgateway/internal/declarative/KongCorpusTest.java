package dev.llmgateway.internal.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Real-world Kong declarative files (see {@code kong-corpus/SOURCES.md}) loaded as Kong loads them, with every
 * bundled plugin type the gateway ships. Each row says what must happen: the file loads, or it is refused with a
 * message that names the reason. Adding a plugin flips rows deliberately: change the row with the new outcome.
 */
class KongCorpusTest {
  private static final PluginRegistry BUNDLED = PluginRegistry.load(KongCorpusTest.class.getClassLoader(), List.of());

  /**
   * One row per file: the file, then every distinct reason Kong-style refusal messages give for it (the text after
   * the entity path), or none when it must load. A new plugin changes some of these sets: update the row.
   */
  static Stream<Arguments> corpus() {
    return Stream.of(
        row("supabase-docker-kong.yml", luaRefused("post-function"), missing("request-termination")),
        row("devstackk-kongllmrouter.yml", "provider 'gemini' is not supported: this gateway's ai-proxy serves"
            + " OpenAI-format providers only (openai, llama2 and mistral with the openai format)"),
        row("konghq-cx-ai-gateway-observability.yaml"),
        row("icarorobertos-kong-declarative-mode.yaml", "invalid value: $IP"),
        row("backendworks-nestjs-microservices.yml"),
        row("4klabs-kong-blue-green-deployment.yml"),
        row("edu343-apigateway-dbless.yaml", "expected a valid UUID",
            "failed conditional validation given value of field 'algorithm'", "invalid key",
            missing("opentelemetry")),
        row("minhnhhh-kong-gateway.yaml", "expected an array", "expected an integer",
            "invalid value: ${HOST_ACCOUNT_SERVICE}", "required field missing", "unknown field"),
        row("anspire-kong-keycloak-test.yml"),
        row("gsa-tts-identity-idva-api-gateway.yaml", missing("oauth2")),
        row("fawwazaf-kong-gateway-test.yml"),
        row("anylee2142-kongapigateway.yml", "value must be null"),
        row("adrianzelada-gd-microservice-kong.yml"),
        row("das-rebel-a3m-router.yml", "invalid reference 'route: all' (no such entry in 'routes')",
            missing("a3m_router")),
        row("kong-graphql-opa-authorization.yaml", missing("opa"), missing("openid-connect"), "unknown field"),
        row("kong-ai-deck-converter.yaml", missing("ai-mcp-proxy")),
        row("kong-grajesh-se-custom-guardrails-demo.yaml", missing("ai-custom-guardrail"),
            "expected one of: openai, azure, anthropic, cohere, mistral, llama2, gemini, bedrock, huggingface"));
  }

  private static String luaRefused(String plugin) {
    return "plugin '" + plugin + "' runs Lua code, which cannot run in this gateway (it has no Lua runtime); write it"
        + " as a Java plugin instead (implement dev.llmgateway.plugin.PluginType; see docs/plugins.md)";
  }

  private static String missing(String plugin) {
    return "plugin '" + plugin + "' not enabled; add it to the 'plugins' configuration property";
  }

  private static Arguments row(String file, String... reasons) {
    return Arguments.of(file, List.of(reasons));
  }

  static String read(String file) throws IOException {
    try (InputStream in = KongCorpusTest.class.getResourceAsStream("/kong-corpus/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void loadsAsKongWould(String file, List<String> reasons) throws IOException {
    DeclarativeConfig loader = new DeclarativeConfig(BUNDLED.entityTypes(), () -> 1_700_000_000_000L);
    String text = read(file);
    if (reasons.isEmpty()) {
      Configuration loaded = loader.load(text);
      assertThat(loaded.rows(loaded.types().byName("services"))).as(file).isNotEmpty();
      return;
    }
    try {
      loader.load(text);
      throw new AssertionError(file + " loaded but the table expects a refusal: " + reasons);
    } catch (DeclarativeError e) {
      Set<String> given = new TreeSet<>();
      for (String m : e.messages()) {
        assertThat(m).as("every message names where and why").contains(": ");
        given.add(m.substring(m.indexOf(": ") + 2));
      }
      assertThat(given).as(file).containsExactlyInAnyOrderElementsOf(reasons);
    }
  }

  @Test
  void everyFileIsInTheTableAndListedInSources() throws IOException {
    Set<String> inTable = corpus().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    String sources = read("SOURCES.md");
    for (String file : inTable) {
      assertThat(sources).as("SOURCES.md lists " + file).contains("`" + file + "`");
    }
    assertThat(inTable).hasSizeGreaterThanOrEqualTo(15);
  }
}
