package dev.llmgateway.internal.plugins.jwt;

import dev.llmgateway.internal.config.EntityIndex;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.auth.AnonymousConsumer;
import dev.llmgateway.internal.plugins.keyauth.ConsumerHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One configured jwt plugin (Kong's {@code handler.lua}): finds exactly one token, decodes it, finds the credential
 * its key claim names, checks the algorithm, the signature and the configured claims, and authenticates the
 * consumer; each failure is Kong's 401 with Kong's body (no {@code request_id}: Kong answers with
 * {@code kong.response.exit}) and {@code WWW-Authenticate}. With {@code anonymous}, a failure continues as that
 * consumer. Tokens and secrets never reach a log message.
 */
final class JwtPlugin implements Plugin {
  static final String JSON = "application/json; charset=utf-8";
  private static final Logger LOG = Logger.getLogger(JwtPlugin.class.getName());
  private static final AnonymousConsumer ANONYMOUS =
      new AnonymousConsumer("jwt", AnonymousConsumer.WhenMissing.NAME_IT);

  private final JwtConfig conf;
  private final Clock clock;

  JwtPlugin(JwtConfig conf, Clock clock) {
    this.conf = conf;
    this.clock = clock;
  }

  @Override
  public Verdict access(AccessContext ctx) {
    if (!conf.runOnPreflight() && "OPTIONS".equals(ctx.request().method())) {
      return Verdict.proceed();
    }
    if (ANONYMOUS.alreadyAuthenticated(ctx, conf.anonymous())) {
      return Verdict.proceed();
    }
    Verdict failure = authenticate(ctx);
    return failure == null ? Verdict.proceed() : ANONYMOUS.afterFailure(ctx, conf.anonymous(), failure);
  }

  /** Null on success, else Kong's answer. */
  private Verdict authenticate(AccessContext ctx) {
    Set<String> tokens = TokenSearch.tokens(conf, ctx.request());
    if (tokens.isEmpty()) {
      return exit(401, Map.of("message", "Unauthorized"), conf.challenge());
    }
    if (tokens.size() > 1) {
      return unauthorized("Multiple tokens provided");
    }
    String token = tokens.iterator().next();
    JwtToken jwt;
    try {
      jwt = JwtToken.parse(token);
    } catch (JwtToken.Invalid e) {
      return unauthorized("Bad token; " + e.getMessage());
    }
    String claim = conf.keyClaimName();
    Object keyValue = jwt.claims.get(claim);
    if (keyValue == null || Boolean.FALSE.equals(keyValue)) {
      keyValue = jwt.header.get(claim);
    }
    if (keyValue == null || Boolean.FALSE.equals(keyValue)) {
      return unauthorized("No mandatory '" + claim + "' in claims");
    }
    if ("".equals(keyValue)) {
      return unauthorized("Invalid '" + claim + "' in claims");
    }
    JwtCredential credential = keyValue instanceof String key
        ? EntityIndex.of(ctx.config(), JwtSecret.TYPE, "key", JwtCredential::of).find(key) : null;
    if (credential == null) {
      return unauthorized("No credentials found for given '" + claim + "'");
    }
    JwtSecret secret = credential.secret();
    if (jwt.algorithm != Algorithm.named(secret.algorithm())) {
      return unauthorized("Invalid algorithm");
    }
    try {
      Boolean valid = signatureValid(jwt, credential);
      if (valid == null) {
        return unauthorized("Invalid key/secret");
      }
      if (!valid) {
        return unauthorized("Invalid signature");
      }
    } catch (Signatures.Unusable e) {
      LOG.log(Level.SEVERE, "jwt: credential {0}: {1}", new Object[] {secret.id(), e.getMessage()});
      return exit(500, Map.of("message", "An unexpected error occurred"), null);
    }
    long now = clock.millis() / 1000;
    Map<String, Object> claimErrors = ClaimChecks.verify(jwt.claims, conf.claimsToVerify(), now);
    if (claimErrors.isEmpty() && conf.maximumExpiration() > 0) {
      claimErrors = ClaimChecks.maximumExpiration(jwt.claims, conf.maximumExpiration(), now);
    }
    if (!claimErrors.isEmpty()) {
      return exit(401, claimErrors, conf.invalidTokenChallenge());
    }
    Consumer consumer = ctx.config().consumer(secret.consumerId());
    if (consumer == null) {
      return unauthorized("Could not find consumer for '" + claim + "=" + keyValue + "'");
    }
    ctx.authenticate(consumer, secret.id().toString());
    ctx.put(JwtType.AUTHENTICATED_TOKEN, token);
    ConsumerHeaders.set(ctx.upstream().headers(), consumer, secret.key());
    return null;
  }

  /**
   * Checks the signature with the secret for HS*, else with the public key parsed when the index was built; each
   * base64url-decoded first with {@code secret_is_base64}, as Kong does. Null when there is no such key material.
   */
  private Boolean signatureValid(JwtToken jwt, JwtCredential credential) throws Signatures.Unusable {
    JwtSecret secret = credential.secret();
    if (jwt.algorithm.hmac()) {
      String value = secret.secret();
      byte[] key = value == null ? null
          : conf.secretIsBase64() ? Base64Url.decode(value) : value.getBytes(StandardCharsets.UTF_8);
      return key == null ? null : Signatures.verifyHmac(jwt, key);
    }
    if (secret.rsaPublicKey() == null || (conf.secretIsBase64() && !credential.decodesFromBase64())) {
      return null;
    }
    return Signatures.verify(jwt, conf.secretIsBase64() ? credential.publicKeyFromBase64() : credential.publicKey());
  }

  private Verdict unauthorized(String message) {
    return exit(401, Map.of("message", message), conf.invalidTokenChallenge());
  }

  /** Kong's {@code kong.response.exit}: the table as compact JSON, no request id. */
  private static Verdict exit(int status, Map<String, Object> body, String challenge) {
    Verdict v = Verdict.respond(status, JSON, Json.write(new LinkedHashMap<>(body)));
    return challenge == null ? v : v.withHeader("WWW-Authenticate", challenge);
  }
}
