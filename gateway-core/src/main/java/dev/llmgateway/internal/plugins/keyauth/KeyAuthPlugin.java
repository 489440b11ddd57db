package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.config.ConfigView;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.UuidText;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.auth.AnonymousConsumer;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One configured key-auth plugin (Kong's {@code handler.lua}): finds the key, looks it up without timing leaks,
 * authenticates the consumer and sets the identity headers, or answers 401 with {@code WWW-Authenticate}. With
 * {@code anonymous} set, a failure continues as that consumer instead (Kong's logical OR between auth plugins).
 * Key values never reach a log message.
 */
final class KeyAuthPlugin implements Plugin {
  static final String NO_KEY = "No API key found in request";
  static final String INVALID = "Unauthorized";
  static final String DUPLICATE = "Duplicate API key found";
  static final String UNEXPECTED = "An unexpected error occurred";
  /** The largest body read for {@code key_in_body}; larger ones are refused with 413 before access. */
  static final int BODY_LIMIT = 10 * 1024 * 1024;
  private static final Logger LOG = Logger.getLogger(KeyAuthPlugin.class.getName());
  private static final AnonymousConsumer ANONYMOUS =
      new AnonymousConsumer("key-auth", AnonymousConsumer.WhenMissing.UNEXPECTED_ERROR);

  private final KeyAuthConfig conf;
  private final String wwwAuthenticate;
  private final Clock clock;

  KeyAuthPlugin(KeyAuthConfig conf, Clock clock) {
    this.conf = conf;
    this.wwwAuthenticate = conf.wwwAuthenticate();
    this.clock = clock;
  }

  @Override
  public int requestBodyLimit() {
    return conf.keyInBody() ? BODY_LIMIT : 0;
  }

  @Override
  public Verdict access(AccessContext ctx) {
    if (!conf.runOnPreflight() && "OPTIONS".equals(ctx.request().method())) {
      if (ctx.consumer() == null) {
        ConsumerHeaders.clear(ctx.upstream().headers());
      }
      return Verdict.proceed();
    }
    if (ANONYMOUS.alreadyAuthenticated(ctx, conf.anonymous())) {
      return Verdict.proceed();
    }
    Verdict failure = authenticate(ctx);
    return failure == null ? Verdict.proceed() : ANONYMOUS.afterFailure(ctx, conf.anonymous(), failure);
  }

  /** Authenticates the request; null on success, else the verdict to answer with. */
  private Verdict authenticate(AccessContext ctx) {
    BodyFields body = conf.keyInBody()
        ? BodyFields.parse(ctx.request().headers().first("Content-Type"), ctx.requestBody())
        : BodyFields.NONE;
    KeySearch.Result found = KeySearch.find(conf, ctx.request(), body);
    if (found.duplicate()) {
      return unauthorized(DUPLICATE);
    }
    if (!found.found()) {
      return unauthorized(NO_KEY);
    }
    ConfigView view = ctx.config();
    KeyAuthCredential credential = CredentialIndex.of(view).find(found.key());
    if (credential == null || credential.expiredAt(clock.millis() / 1000)) {
      return unauthorized(INVALID);
    }
    Consumer consumer = view.consumer(credential.consumerId());
    if (consumer == null) {
      LOG.log(Level.SEVERE, "key-auth: credential {0} belongs to a missing consumer", credential.id());
      return Verdict.error(500, UNEXPECTED);
    }
    if (conf.hideCredentials()) {
      CredentialHiding.hide(conf, ctx, found.key(), found.name(), body);
    }
    String credentialId = UuidText.of(credential.id());
    ctx.authenticate(consumer, credentialId);
    ConsumerHeaders.set(ctx.upstream().headers(), consumer, credentialId);
    return null;
  }

  private Verdict unauthorized(String message) {
    return Verdict.error(401, message).withHeader("WWW-Authenticate", wwwAuthenticate);
  }
}
