package dev.llmgateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product's name and version, as shown in {@code Via}, {@code Server} and {@code GET /}. */
public final class Version {
  /** The product name used in headers, e.g. {@code Via: 1.1 llm-gateway/0.1.0}. */
  public static final String NAME = "llm-gateway";

  /** The version from the build (Maven's project version). */
  public static final String VERSION = load();

  /** {@code llm-gateway/<version>}, for {@code Server} and {@code Via}. */
  public static final String PRODUCT = NAME + "/" + VERSION;

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "0.0.0");
      return v.startsWith("${") ? "0.0.0" : v;
    } catch (IOException e) {
      return "0.0.0";
    }
  }
}
