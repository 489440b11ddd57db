package dev.llmgateway.internal.plugins.aipromptguard;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One configured ai-prompt-guard (Kong's {@code filters/guard-prompt.lua}): a prompt matching any deny pattern is
 * refused, then, when allow patterns exist, one must match; patterns are searched anywhere, case-sensitively. Every
 * refusal is Kong's {@code 400 {"error":{"message":"bad request"}}}, which hides the reason; a pattern that does not
 * compile answers 500, as Kong's runtime error does.
 */
final class PromptGuardPlugin implements Plugin {
  static final String BAD_REQUEST = "{\"error\":{\"message\":\"bad request\"}}";

  private final PromptGuardConfig conf;
  private final List<Pattern> deny;
  private final List<Pattern> allow;
  private final boolean patternsCompile;

  PromptGuardPlugin(PromptGuardConfig conf) {
    this.conf = conf;
    List<Pattern> d = new ArrayList<>();
    List<Pattern> a = new ArrayList<>();
    boolean ok = true;
    try {
      for (String p : conf.denyPatterns()) {
        d.add(Pattern.compile(p));
      }
      for (String p : conf.allowPatterns()) {
        a.add(Pattern.compile(p));
      }
    } catch (PatternSyntaxException e) {
      ok = false;
    }
    this.deny = List.copyOf(d);
    this.allow = List.copyOf(a);
    this.patternsCompile = ok;
  }

  @Override
  public int requestBodyLimit() {
    return conf.maxRequestBodySize();
  }

  @Override
  public Verdict access(AccessContext ctx) {
    if (!patternsCompile) {
      return Verdict.error(500, "An unexpected error occurred");
    }
    byte[] body = ctx.requestBody();
    String prompt = body == null ? null : PromptText.collect(body, conf);
    if (prompt == null || !allowed(prompt)) {
      return Verdict.respond(400, "application/json; charset=utf-8", BAD_REQUEST);
    }
    return Verdict.proceed();
  }

  private boolean allowed(String prompt) {
    for (Pattern p : deny) {
      if (p.matcher(prompt).find()) {
        return false;
      }
    }
    if (allow.isEmpty()) {
      return true;
    }
    for (Pattern p : allow) {
      if (p.matcher(prompt).find()) {
        return true;
      }
    }
    return false;
  }
}
