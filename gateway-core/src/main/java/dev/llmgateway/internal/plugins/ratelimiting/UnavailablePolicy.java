package dev.llmgateway.internal.plugins.ratelimiting;

/**
 * Stands in for a policy this build cannot run yet ({@code redis} arrives with the cluster work): every
 * {@link #acquire} fails, so {@code fault_tolerant} decides between proxying without limits and answering 500.
 */
final class UnavailablePolicy implements RateLimitPolicy {
  private final String policy;

  UnavailablePolicy(String policy) {
    this.policy = policy;
  }

  @Override
  public Usage acquire(String identifier, WindowLimits limits, long nowMillis) {
    throw new CounterStoreException("the '" + policy + "' rate-limiting policy is not available in this build", null);
  }
}
