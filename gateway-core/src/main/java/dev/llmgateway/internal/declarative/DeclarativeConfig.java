package dev.llmgateway.internal.declarative;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.config.EntityTypes;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.SchemaViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Kong's declarative configuration ({@code kong.yml}, {@code _format_version: "3.0"}): loads a whole
 * configuration from JSON or YAML — nested or top-level entities, references by name, deterministic ids —
 * validating all of it and reporting every error with its path; and exports a configuration the same way
 * ({@link DeclarativeExport}), so that export then load gives an equal configuration.
 */
public final class DeclarativeConfig {
  /** The format version written on export. */
  public static final String FORMAT_VERSION = "3.0";
  private static final Set<String> VERSIONS = Set.of("1.1", "2.1", "3.0");

  private final EntityTypes types;
  private final LongSupplier clockMillis;

  /** A loader for these entity types, stamping new entities with {@code clockMillis}. */
  public DeclarativeConfig(EntityTypes types, LongSupplier clockMillis) {
    this.types = Objects.requireNonNull(types, "types");
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
  }

  /** Parses and loads configuration text (JSON or YAML). */
  public Configuration load(String text) {
    return load(DeclarativeText.parse(text));
  }

  /** Loads a parsed document; throws {@link DeclarativeError} listing every problem found. */
  public Configuration load(Map<String, Object> doc) {
    ErrorTree errors = new ErrorTree();
    String version = checkTopLevel(doc, errors);
    List<Declared> all = new Flattener(types, errors).flatten(doc);
    if (version != null && !FORMAT_VERSION.equals(version)) {
      LegacyPaths.migrate(all);
    }
    Ids.assign(all);
    References references = new References(types, all, errors);
    long now = clockMillis.getAsLong();
    boolean transform = !Boolean.FALSE.equals(doc.get("_transform"));
    for (Declared d : all) {
      references.resolve(d);
      validate(d, now, transform, errors);
    }
    if (errors.isEmpty()) {
      Uniqueness.check(all, errors);
    }
    if (!errors.isEmpty()) {
      throw new DeclarativeError(errors.toJson(), errors.lines());
    }
    Configuration configuration = Configuration.empty(types);
    Map<EntityType, List<Row>> byType = new java.util.LinkedHashMap<>();
    for (Declared d : all) {
      byType.computeIfAbsent(d.type, t -> new ArrayList<>()).add(d.row);
    }
    for (EntityType type : types.all()) {
      configuration = configuration.withAll(type, byType.getOrDefault(type, List.of()));
    }
    return configuration;
  }

  private static String checkTopLevel(Map<String, Object> doc, ErrorTree errors) {
    Object version = doc.get("_format_version");
    ErrorTree.Path path = new ErrorTree.Path(List.of("_format_version"));
    String result = null;
    if (version == null) {
      errors.message(path, "required field missing");
    } else if (!(version instanceof String v)) {
      errors.message(path, "expected a string");
    } else if (!VERSIONS.contains(v)) {
      errors.message(path, "expected one of: 1.1, 2.1, 3.0");
    } else {
      result = v;
    }
    if (doc.get("_transform") != null && !(doc.get("_transform") instanceof Boolean)) {
      errors.message(new ErrorTree.Path(List.of("_transform")), "expected a boolean");
    }
    if (doc.get("_comment") != null && !(doc.get("_comment") instanceof String)) {
      errors.message(new ErrorTree.Path(List.of("_comment")), "expected a string");
    }
    if (doc.get("_ignore") != null && !(doc.get("_ignore") instanceof List)) {
      errors.message(new ErrorTree.Path(List.of("_ignore")), "expected an array");
    }
    return result;
  }

  /**
   * Validates one entity; with {@code transform} (Kong's {@code _transform}, true unless the file says false, as
   * Kong's own export does) the type's write transformation runs first, so plain basic-auth passwords are hashed
   * while an export's hashes are kept as they are.
   */
  private static void validate(Declared d, long nowMillis, boolean transform, ErrorTree errors) {
    EntityType type = d.type;
    boolean millis = type.timestamps() == EntityType.Timestamps.MILLISECONDS;
    Object now = millis ? (Object) (nowMillis / 1000.0) : (Object) (nowMillis / 1000);
    if (type.schema().field("created_at") != null && d.values.get("created_at") == null) {
      d.values.put("created_at", now);
    }
    if (type.timestamps() != EntityType.Timestamps.CREATED_ONLY && type.schema().field("updated_at") != null
        && d.values.get("updated_at") == null) {
      d.values.put("updated_at", now);
    }
    try {
      Map<String, Object> values = type.expandShorthands(d.values);
      Row row = type.schema().validate(transform ? type.transformOnWrite(values, null) : values);
      d.row = row;
    } catch (SchemaViolation e) {
      errors.entity(d.path, e.errors());
    }
  }

  /** The export document of {@code configuration}; see {@link DeclarativeExport}. */
  public static Map<String, Object> export(Configuration configuration) {
    return DeclarativeExport.document(configuration);
  }

  /** Every entity of {@code configuration} by table and id, as {@code POST /config} answers. */
  public static Map<String, Object> entitiesById(Configuration configuration) {
    return DeclarativeExport.entitiesById(configuration);
  }
}
