package dev.llmgateway.route;

/** Placeholder until the router lands: normalises a request path. */
public final class PathNormalizer {
  private PathNormalizer() {}

  public static String normalize(String path) {
    return path;
  }
}
