package dev.llmgateway.internal.plugins.jwt;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validators;
import java.util.List;
import java.util.Objects;

/**
 * The config of one jwt plugin, bound from its schema by the gateway: Kong's fields, defaults and checks
 * ({@code maximum_expiration} binds its default 0, no limit, when null).
 */
public record JwtConfig(List<String> uriParamNames, List<String> cookieNames, List<String> headerNames,
    String keyClaimName, boolean secretIsBase64, List<String> claimsToVerify, String anonymous,
    boolean runOnPreflight, double maximumExpiration, String realm) {

  /** The schema of jwt's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("jwt",
      Field.set("uri_param_names", Field.string("name")).defaultValue(List.of("jwt"))
          .description("Query arguments to read the token from"),
      Field.set("cookie_names", Field.string("name")).defaultValue(List.of())
          .description("Cookies to read the token from"),
      Field.set("header_names", Field.string("name")).defaultValue(List.of("authorization"))
          .description("Headers to read 'Bearer <token>' from"),
      Field.string("key_claim_name").defaultValue("iss")
          .description("The claim (or header field) naming the jwt_secrets key"),
      Field.bool("secret_is_base64").required().defaultValue(false)
          .description("Base64url-decode the secret (or public key) before use"),
      Field.set("claims_to_verify", Field.string("claim").oneOf("exp", "nbf"))
          .description("Registered claims to check: exp, nbf"),
      Field.string("anonymous")
          .description("Consumer id or username to continue as when authentication fails"),
      Field.bool("run_on_preflight").required().defaultValue(true)
          .description("Authenticate OPTIONS requests too"),
      Field.number("maximum_expiration").defaultValue(0L).between(0, 31_536_000L)
          .description("Largest allowed exp - now in seconds (0: no limit; needs exp in claims_to_verify)"),
      Field.string("realm")
          .description("The realm sent in WWW-Authenticate"));

  /** Kong's plugin-level check: a maximum expiration needs {@code exp} among the claims to verify. */
  static final List<EntityCheck> CHECKS = List.of(EntityCheck.conditional("config.maximum_expiration",
      v -> v instanceof Number n && n.doubleValue() > 0, "config.claims_to_verify",
      EntityCheck.Then.satisfies(Validators.contains("exp")), null));

  public JwtConfig {
    // An explicit null (Kong keeps it over the default) reads the token from no such source.
    uriParamNames = uriParamNames == null ? List.of() : List.copyOf(uriParamNames);
    cookieNames = cookieNames == null ? List.of() : List.copyOf(cookieNames);
    headerNames = headerNames == null ? List.of() : List.copyOf(headerNames);
    claimsToVerify = claimsToVerify == null ? List.of() : List.copyOf(claimsToVerify);
    Objects.requireNonNull(keyClaimName, "keyClaimName");
  }

  /** {@code WWW-Authenticate} when no token was found: {@code Bearer} or {@code Bearer realm="..."}. */
  String challenge() {
    return realm == null ? "Bearer" : "Bearer realm=\"" + realm + "\"";
  }

  /** {@code WWW-Authenticate} when a token was found but refused. */
  String invalidTokenChallenge() {
    return realm == null ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"" + realm + "\", error=\"invalid_token\"";
  }
}
