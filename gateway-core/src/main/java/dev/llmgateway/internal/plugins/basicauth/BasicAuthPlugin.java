package dev.llmgateway.internal.plugins.basicauth;

import dev.llmgateway.internal.config.EntityIndex;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.auth.AnonymousConsumer;
import dev.llmgateway.internal.plugins.keyauth.ConsumerHeaders;

/**
 * One configured basic-auth plugin (Kong's {@code access.lua}): reads {@code Proxy-Authorization} then
 * {@code Authorization}, checks the password against the stored hash in constant time, and either authenticates
 * the consumer or answers Kong's 401 with {@code WWW-Authenticate: Basic realm="..."}; with {@code anonymous}, a
 * failure continues as that consumer. Passwords never reach a log message.
 */
final class BasicAuthPlugin implements Plugin {
  static final String UNAUTHORIZED = "Unauthorized";

  private static final AnonymousConsumer ANONYMOUS =
      new AnonymousConsumer("basic-auth", AnonymousConsumer.WhenMissing.NAME_IT);

  private final BasicAuthConfig conf;

  BasicAuthPlugin(BasicAuthConfig conf) {
    this.conf = conf;
  }

  @Override
  public Verdict access(AccessContext ctx) {
    if (ANONYMOUS.alreadyAuthenticated(ctx, conf.anonymous())) {
      return Verdict.proceed();
    }
    if (authenticate(ctx)) {
      return Verdict.proceed();
    }
    return ANONYMOUS.afterFailure(ctx, conf.anonymous(),
        Verdict.error(401, UNAUTHORIZED).withHeader("WWW-Authenticate", conf.wwwAuthenticate()));
  }

  /** True when the request authenticated a consumer (headers set); false for Kong's 401. */
  private boolean authenticate(AccessContext ctx) {
    String proxyAuthorization = ctx.request().headers().first("Proxy-Authorization");
    String authorization = ctx.request().headers().first("Authorization");
    if (proxyAuthorization == null && authorization == null) {
      return false;
    }
    EntityIndex<BasicAuthCredential> index = EntityIndex.of(ctx.config(), BasicAuthCredential.TYPE, "username",
        BasicAuthCredential::of);
    BasicCredentials given = read(ctx, "Proxy-Authorization", proxyAuthorization);
    BasicAuthCredential credential = given == null ? null : index.find(given.username());
    if (credential == null) {
      given = read(ctx, "Authorization", authorization);
      credential = given == null ? null : index.find(given.username());
    }
    if (credential == null
        || !PasswordHash.matches(credential.passwordHash(), credential.consumerId().toString(), given.password())) {
      return false;
    }
    Consumer consumer = ctx.config().consumer(credential.consumerId());
    if (consumer == null) {
      return false;
    }
    ctx.authenticate(consumer, credential.id().toString());
    ConsumerHeaders.set(ctx.upstream().headers(), consumer, credential.username());
    return true;
  }

  /** Kong's {@code retrieve_credentials}: parses one header and, with hide_credentials, clears it upstream. */
  private BasicCredentials read(AccessContext ctx, String header, String value) {
    BasicCredentials parsed = BasicCredentials.parse(value);
    if (conf.hideCredentials()) {
      ctx.upstream().headers().remove(header);
    }
    return parsed;
  }
}
