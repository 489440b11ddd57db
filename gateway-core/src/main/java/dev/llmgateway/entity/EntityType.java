package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Describes one kind of entity to everything that handles entities generically — the Admin API, declarative
 * config, the store: its table name, Admin API path, schema, endpoint key, references and unique fields.
 * Core types live on the entity records ({@link Service#TYPE}, ...); plugin types may contribute their own.
 */
public final class EntityType {
  /** How an entity's timestamps are kept. */
  public enum Timestamps {
    /** {@code created_at} and {@code updated_at} in integer Unix seconds. */
    SECONDS,
    /** Only {@code created_at}, in integer Unix seconds (key-auth credentials). */
    CREATED_ONLY,
    /** {@code created_at} and {@code updated_at} as float Unix seconds with millisecond precision (targets). */
    MILLISECONDS
  }

  private final String name;
  private final String adminPath;
  private final Schema schema;
  private final String endpointKey;
  private final Timestamps timestamps;
  private final List<ForeignKey> foreignKeys;
  private final List<List<String>> uniqueTogether;
  private final Map<String, String> nestedPaths;
  private final String cacheKeyField;
  private final UnaryOperator<Map<String, Object>> shorthands;
  private final WriteTransform onWrite;

  private EntityType(Builder b) {
    this.name = b.name;
    this.adminPath = b.adminPath;
    this.schema = b.schema;
    this.endpointKey = b.endpointKey;
    this.timestamps = b.timestamps;
    this.foreignKeys = List.copyOf(b.foreignKeys);
    this.uniqueTogether = List.copyOf(b.uniqueTogether);
    this.nestedPaths = Map.copyOf(b.nestedPaths);
    this.cacheKeyField = b.cacheKeyField;
    this.shorthands = b.shorthands;
    this.onWrite = b.onWrite;
  }

  public static Builder builder(String name, Schema schema) {
    return new Builder(name, schema);
  }

  /** Table name, also the declarative-config key ({@code services}, {@code keyauth_credentials}). */
  public String name() {
    return name;
  }

  /** Top-level Admin API collection ({@code services}, {@code key-auths}); null when not served at top level. */
  public String adminPath() {
    return adminPath;
  }

  public Schema schema() {
    return schema;
  }

  /** The unique field that may stand in for the id in Admin API paths ({@code name}, {@code username}), or null. */
  public String endpointKey() {
    return endpointKey;
  }

  public Timestamps timestamps() {
    return timestamps;
  }

  public List<ForeignKey> foreignKeys() {
    return foreignKeys;
  }

  /** Field sets that must be unique together (plugins: name, route, service, consumer). */
  public List<List<String>> uniqueTogether() {
    return uniqueTogether;
  }

  /** Names of single fields that must be unique across all entities of this type. */
  public List<String> uniqueFields() {
    List<String> out = new ArrayList<>();
    for (Field f : schema.fields()) {
      if (f.isUnique()) {
        out.add(f.name());
      }
    }
    return out;
  }

  /**
   * The path segment under a parent's Admin API entity for this type's nested collection, keyed by the parent's
   * type name: routes under {@code services} is "routes", key-auth credentials under {@code consumers} is "key-auth".
   */
  public Map<String, String> nestedPaths() {
    return nestedPaths;
  }

  /** The field that, with the parent references, keys deterministic ids in declarative config (or null). */
  public String cacheKeyField() {
    return cacheKeyField;
  }

  /** Expands write-only shorthand fields (a service's {@code url}) into real fields; may throw SchemaViolation. */
  public Map<String, Object> expandShorthands(Map<String, Object> input) {
    return shorthands.apply(input);
  }

  /**
   * Applies the type's write transformation (Kong's schema {@code transformations}, such as basic-auth's password
   * hashing) to values about to be validated and stored; {@code existing} is the row a PATCH merges into, else
   * null. Values already resolved their references ({@code consumer} is {@code {"id": ...}}).
   */
  public Map<String, Object> transformOnWrite(Map<String, Object> values, Row existing) {
    return onWrite.apply(values, existing);
  }

  public ForeignKey foreignKey(String field) {
    for (ForeignKey fk : foreignKeys) {
      if (fk.field().equals(field)) {
        return fk;
      }
    }
    return null;
  }

  /** The entity's id. */
  public static java.util.UUID id(Row row) {
    return row.uuid("id");
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds an {@link EntityType}. */
  public static final class Builder {
    private final String name;
    private final Schema schema;
    private String adminPath;
    private String endpointKey;
    private Timestamps timestamps = Timestamps.SECONDS;
    private final List<ForeignKey> foreignKeys = new ArrayList<>();
    private final List<List<String>> uniqueTogether = new ArrayList<>();
    private final Map<String, String> nestedPaths = new java.util.LinkedHashMap<>();
    private String cacheKeyField;
    private UnaryOperator<Map<String, Object>> shorthands = UnaryOperator.identity();
    private WriteTransform onWrite = (values, existing) -> values;

    private Builder(String name, Schema schema) {
      this.name = Objects.requireNonNull(name, "name");
      this.schema = Objects.requireNonNull(schema, "schema");
      this.adminPath = name;
    }

    public Builder adminPath(String path) {
      this.adminPath = path;
      return this;
    }

    public Builder endpointKey(String field) {
      this.endpointKey = field;
      return this;
    }

    public Builder timestamps(Timestamps t) {
      this.timestamps = t;
      return this;
    }

    /** Declares a reference; {@code nestedPath} names this type's collection under the parent entity. */
    public Builder references(String field, String parentType, boolean cascade, String nestedPath) {
      foreignKeys.add(new ForeignKey(field, parentType, cascade));
      if (nestedPath != null) {
        nestedPaths.put(parentType, nestedPath);
      }
      return this;
    }

    public Builder uniqueTogether(String... fields) {
      uniqueTogether.add(List.of(fields));
      return this;
    }

    public Builder cacheKeyField(String field) {
      this.cacheKeyField = field;
      return this;
    }

    public Builder shorthands(UnaryOperator<Map<String, Object>> expand) {
      this.shorthands = Objects.requireNonNull(expand, "expand");
      return this;
    }

    /** Kong's {@code transformations}: rewrites values on every write; see {@link #transformOnWrite}. */
    public Builder onWrite(WriteTransform transform) {
      this.onWrite = Objects.requireNonNull(transform, "transform");
      return this;
    }

    public EntityType build() {
      return new EntityType(this);
    }
  }
}
