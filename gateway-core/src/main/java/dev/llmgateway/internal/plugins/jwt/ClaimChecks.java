package dev.llmgateway.internal.plugins.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's checks of the registered claims: each of {@code claims_to_verify} must be a number, {@code exp} later
 * than now and {@code nbf} not later than now; and {@code exp} no further than {@code maximum_expiration} away.
 * Errors come back as Kong's body, claim name to message.
 */
final class ClaimChecks {
  private ClaimChecks() {}

  static Map<String, Object> verify(Map<String, Object> claims, List<String> toVerify, long now) {
    Map<String, Object> errors = new LinkedHashMap<>();
    for (String name : toVerify) {
      if (!(claims.get(name) instanceof Number n)) {
        errors.put(name, "must be a number");
      } else if (name.equals("exp") && n.doubleValue() <= now) {
        errors.put(name, "token expired");
      } else if (name.equals("nbf") && n.doubleValue() > now) {
        errors.put(name, "token not valid yet");
      }
    }
    return errors;
  }

  static Map<String, Object> maximumExpiration(Map<String, Object> claims, double maximum, long now) {
    Object exp = claims.get("exp");
    if (!(exp instanceof Number n) || n.doubleValue() - now > maximum) {
      return Map.of("exp", "exceeds maximum allowed expiration");
    }
    return Map.of();
  }
}
