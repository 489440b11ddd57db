package dev.llmgateway.entity;

/**
 * Kong's plugin precedence: route+service+consumer (8) > route+consumer (7) > service+consumer (6) >
 * route+service (5) > consumer (4) > route (3) > service (2) > global (1).
 */
final class ScopeRank {
  private ScopeRank() {}

  static int of(boolean route, boolean service, boolean consumer) {
    if (consumer) {
      if (route && service) {
        return 8;
      }
      if (route) {
        return 7;
      }
      return service ? 6 : 4;
    }
    if (route && service) {
      return 5;
    }
    if (route) {
      return 3;
    }
    return service ? 2 : 1;
  }
}
