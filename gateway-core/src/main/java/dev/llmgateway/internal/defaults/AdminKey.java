package dev.llmgateway.internal.defaults;

import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The Admin API key of the default stack's {@code admin} consumer: {@code GATEWAY_ADMIN_API_KEY}, else its alias
 * {@code KONG_ADMIN_API_KEY}, else the key kept in the data directory, generated on the first start and written
 * readable by its owner only. The log says where a generated key is, never what it is; so does
 * {@link #toString()}.
 */
public final class AdminKey {
  public static final String ENV = "GATEWAY_ADMIN_API_KEY";
  public static final String KONG_ENV = "KONG_ADMIN_API_KEY";
  /** The file name of the stored key inside the data directory. */
  public static final String FILE_NAME = "admin-api-key";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Logger LOG = Logger.getLogger(AdminKey.class.getName());

  /** Where the key came from. */
  public enum Source { ENVIRONMENT, KONG_ENVIRONMENT, STORED, GENERATED }

  private final String value;
  private final Source source;
  private final Path file;

  private AdminKey(String value, Source source, Path file) {
    this.value = value;
    this.source = source;
    this.file = file;
  }

  /** The key for this start: from {@code env}, else from (or newly into) {@code dataDir}. */
  public static AdminKey resolve(Map<String, String> env, Path dataDir) throws IOException {
    Objects.requireNonNull(env, "env");
    String gateway = nonBlank(env.get(ENV));
    String kong = nonBlank(env.get(KONG_ENV));
    if (gateway != null) {
      if (kong != null && !kong.equals(gateway)) {
        LOG.warning(ENV + " and " + KONG_ENV + " are both set and differ; using " + ENV);
      }
      return new AdminKey(gateway, Source.ENVIRONMENT, null);
    }
    if (kong != null) {
      return new AdminKey(kong, Source.KONG_ENVIRONMENT, null);
    }
    return fromDataDir(Objects.requireNonNull(dataDir, "dataDir"));
  }

  private static AdminKey fromDataDir(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.isRegularFile(file)) {
      String stored = nonBlank(Files.readString(file, StandardCharsets.UTF_8));
      if (stored != null) {
        restrict(file);
        LOG.info(() -> "Admin API key: using the key stored in " + file.toAbsolutePath());
        return new AdminKey(stored, Source.STORED, file);
      }
    }
    Files.createDirectories(dataDir);
    String generated = KeyAuthCredential.generateKey();
    write(file, generated);
    LOG.info(() -> "Admin API key: neither " + ENV + " nor " + KONG_ENV + " is set; generated a key and stored it in "
        + file.toAbsolutePath() + " (readable by its owner only)");
    return new AdminKey(generated, Source.GENERATED, file);
  }

  /** Writes the key to a fresh owner-only file, then moves it into place, so it is never readable by others. */
  private static void write(Path file, String key) throws IOException {
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(tmp);
      restrict(tmp);
    } catch (FileAlreadyExistsException raced) {
      throw new IOException("another process is writing " + tmp, raced);
    }
    Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      java.io.File f = file.toFile();
      boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
          & f.setWritable(false, false) & f.setWritable(true, true);
      if (!ok) {
        LOG.warning(() -> "could not restrict the permissions of " + file.toAbsolutePath());
      }
    }
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The key itself; keep it out of logs and messages. */
  public String value() {
    return value;
  }

  public Source source() {
    return source;
  }

  /** The file holding the key when it is stored in the data directory, else null. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "AdminKey[source=" + source + (file != null ? ", file=" + file : "") + ", value=<redacted>]";
  }
}
