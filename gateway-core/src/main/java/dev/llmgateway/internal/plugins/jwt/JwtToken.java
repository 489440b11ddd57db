package dev.llmgateway.internal.plugins.jwt;

import dev.llmgateway.internal.json.Json;
import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A token split and decoded as Kong's {@code jwt_parser.lua} does it: three dot-separated parts (the third keeps
 * any further dots), base64url header and claims that must be JSON, a known {@code alg}; the signature is checked
 * later against the credential's key.
 */
final class JwtToken {
  /** Why a token could not be decoded: Kong's text after {@code "Bad token; "}. */
  static final class Invalid extends Exception {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  final Map<String, Object> header;
  final Map<String, Object> claims;
  final Algorithm algorithm;
  final byte[] signingInput;
  final byte[] signature;

  private JwtToken(Map<String, Object> header, Map<String, Object> claims, Algorithm algorithm, byte[] signingInput,
      byte[] signature) {
    this.header = header;
    this.claims = claims;
    this.algorithm = algorithm;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  @SuppressWarnings("unchecked")
  static JwtToken parse(String token) throws Invalid {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0) {
      throw new Invalid("invalid JSON");
    }
    String header64 = token.substring(0, first);
    String claims64 = token.substring(first + 1, second);
    Object header = json(header64);
    Object claims = json(claims64);
    byte[] signature = Base64Url.decode(token.substring(second + 1));
    Algorithm algorithm = header instanceof Map<?, ?> h ? Algorithm.named(h.get("alg")) : null;
    if (algorithm == null) {
      throw new Invalid("invalid alg");
    }
    if (!(claims instanceof Map<?, ?>)) {
      throw new Invalid("invalid claims");
    }
    if (signature == null) {
      throw new Invalid("invalid signature");
    }
    byte[] input = (header64 + "." + claims64).getBytes(StandardCharsets.ISO_8859_1);
    return new JwtToken((Map<String, Object>) header, (Map<String, Object>) claims, algorithm, input, signature);
  }

  private static Object json(String part) throws Invalid {
    byte[] bytes = Base64Url.decode(part);
    if (bytes == null) {
      throw new Invalid("invalid JSON");
    }
    try {
      return Json.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new Invalid("invalid JSON");
    }
  }
}
