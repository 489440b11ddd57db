package dev.llmgateway.internal.pipeline;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Binds a validated plugin config {@link Row} to the plugin type's record: component {@code hideGroupsHeader}
 * takes field {@code hide_groups_header}; record fields become nested records (or stay a {@link Row} when the
 * component is one), arrays {@code List}s, sets {@code Set}s or {@code List}s, maps {@code Map<String, V>}; a
 * string field with {@code one_of} may become an enum (value upper-cased, {@code -} to {@code _}); integer and
 * number fields become int, long or double (numbers rounded down to int and long), boxed when the field may be null.
 * Everything is checked once, when the binder is made, so that a typo fails at registration; a primitive
 * component whose field holds an explicit null gets the field's default. Extra schema fields are allowed.
 *
 * @param <C> the config record
 */
public final class ConfigBinder<C extends Record> {
  private final Class<C> type;
  private final Shape shape;

  private ConfigBinder(Class<C> type, Shape shape) {
    this.type = type;
    this.shape = shape;
  }

  /**
   * The binder of {@code type} to {@code schema}; throws {@link IllegalArgumentException} naming the plugin and
   * the component when a component has no field of that name or of a compatible type.
   */
  public static <C extends Record> ConfigBinder<C> of(String plugin, Class<C> type, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    if (type == null || !type.isRecord()) {
      throw new IllegalArgumentException("plugin '" + plugin + "': configType() must be a record class, not " + type);
    }
    try {
      return new ConfigBinder<>(type, Shape.of(type, schema, ""));
    } catch (Mismatch m) {
      throw new IllegalArgumentException("plugin '" + plugin + "': config record " + type.getName() + ": "
          + m.getMessage(), m);
    }
  }

  /** The record of a validated config row. */
  public C bind(Row row) {
    return type.cast(shape.bind(Objects.requireNonNull(row, "row")));
  }

  public Class<C> type() {
    return type;
  }

  /** The camelCase Java name of a schema field: {@code hide_groups_header} to {@code hideGroupsHeader}. */
  static String camelCase(String field) {
    StringBuilder out = new StringBuilder(field.length());
    boolean upper = false;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '_' || c == '-') {
        upper = out.length() > 0;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** A checked mismatch between a record and a schema; the message names the component path. */
  private static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  /** Turns one non-null stored value into the component's Java value. */
  @FunctionalInterface
  private interface Conversion {
    Object apply(Object value);
  }

  /** How one record is built from one schema: per component, its field, conversion and null fallback. */
  private static final class Shape {
    private final Constructor<?> constructor;
    private final String[] fields;
    private final Conversion[] conversions;
    private final Object[] nullFallbacks;

    private Shape(Constructor<?> constructor, String[] fields, Conversion[] conversions, Object[] nullFallbacks) {
      this.constructor = constructor;
      this.fields = fields;
      this.conversions = conversions;
      this.nullFallbacks = nullFallbacks;
    }

    static Shape of(Class<?> record, Schema schema, String prefix) {
      Map<String, Field> byJavaName = new LinkedHashMap<>();
      for (Field f : schema.fields()) {
        byJavaName.putIfAbsent(camelCase(f.name()), f);
      }
      RecordComponent[] components = record.getRecordComponents();
      String[] fields = new String[components.length];
      Conversion[] conversions = new Conversion[components.length];
      Object[] fallbacks = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        String path = prefix + c.getName();
        Field f = byJavaName.get(c.getName());
        if (f == null) {
          throw new Mismatch("component '" + path + "' matches no field of schema '" + schema.name()
              + "' (it would bind '" + snakeCase(c.getName()) + "'; the fields are " + names(schema) + ")");
        }
        fields[i] = f.name();
        types[i] = c.getType();
        conversions[i] = conversion(f, c.getGenericType(), path);
        if (c.getType().isPrimitive()) {
          fallbacks[i] = primitiveFallback(f, conversions[i], path, c.getType());
        }
      }
      Constructor<?> constructor;
      try {
        constructor = record.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new Mismatch("no canonical constructor");
      }
      if (!constructor.trySetAccessible()) {
        throw new Mismatch("its canonical constructor is not accessible to the gateway (make the record public, or"
            + " open its package to dev.llmgateway)");
      }
      return new Shape(constructor, fields, conversions, fallbacks);
    }

    /** What a primitive gets for an explicit null: the field's default; a field that may be null otherwise fails. */
    private static Object primitiveFallback(Field f, Conversion conversion, String path, Class<?> type) {
      if (f.isRequired()) {
        return null; // validation never lets null through
      }
      Object def = f.hasDefault() && !f.isAuto() ? f.defaultValue() : null;
      if (def == null) {
        throw new Mismatch("component '" + path + "' is a " + type.getName() + " but field '" + f.name()
            + "' may be null (not required, no default); declare it boxed");
      }
      return conversion.apply(def);
    }

    Object bind(Row row) {
      Object[] args = new Object[fields.length];
      for (int i = 0; i < args.length; i++) {
        Object v = row.get(fields[i]);
        args[i] = v == null ? nullFallbacks[i] : conversions[i].apply(v);
      }
      try {
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getName(), e);
      }
    }
  }

  private static Conversion conversion(Field f, Type target, String path) {
    Class<?> raw = rawClass(target);
    switch (f.type()) {
      case STRING:
        if (raw == String.class) {
          return v -> v;
        }
        if (raw != null && raw.isEnum()) {
          return enumConversion(f, raw, path);
        }
        break;
      case INTEGER:
      case NUMBER:
        if (raw == int.class || raw == Integer.class) {
          return v -> toInt((Number) v, f.name());
        }
        if (raw == long.class || raw == Long.class) {
          return v -> toLong((Number) v, f.name());
        }
        if (raw == double.class || raw == Double.class) {
          return v -> ((Number) v).doubleValue();
        }
        break;
      case BOOLEAN:
        if (raw == boolean.class || raw == Boolean.class) {
          return v -> v;
        }
        break;
      case ARRAY:
        if (raw == List.class) {
          return listConversion(f.elements(), typeArgument(target, 0, f, path), path + "[]");
        }
        break;
      case SET:
        if (raw == List.class) {
          return listConversion(f.elements(), typeArgument(target, 0, f, path), path + "[]");
        }
        if (raw == Set.class) {
          Conversion element = conversion(f.elements(), typeArgument(target, 0, f, path), path + "[]");
          return v -> {
            Set<Object> out = new LinkedHashSet<>();
            for (Object x : (List<?>) v) {
              out.add(x == null ? null : element.apply(x));
            }
            return Collections.unmodifiableSet(out);
          };
        }
        break;
      case MAP:
        if (raw == Map.class) {
          if (rawClass(typeArgument(target, 0, f, path)) != String.class) {
            throw new Mismatch("component '" + path + "' binds map field '" + f.name() + "': its keys must be String");
          }
          Conversion value = conversion(f.elements(), typeArgument(target, 1, f, path), path + "{}");
          return v -> {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, x == null ? null : value.apply(x)));
            return Collections.unmodifiableMap(out);
          };
        }
        break;
      case RECORD:
        if (raw == Row.class) {
          return v -> v;
        }
        if (raw != null && raw.isRecord()) {
          Schema nested = f.recordSchema();
          if (nested == null) {
            throw new Mismatch("component '" + path + "' binds field '" + f.name() + "', whose schema depends on"
                + " other values; declare it as a Row");
          }
          Shape shape = Shape.of(raw, nested, path + ".");
          return v -> shape.bind((Row) v);
        }
        break;
      default:
        break;
    }
    throw new Mismatch("component '" + path + "' (" + target.getTypeName() + ") cannot hold field '" + f.name()
        + "' of type " + f.type().name().toLowerCase(Locale.ROOT) + " (use " + expected(f.type()) + ")");
  }

  private static Conversion listConversion(Field elements, Type elementType, String path) {
    Conversion element = conversion(elements, elementType, path);
    return v -> {
      List<?> in = (List<?>) v;
      List<Object> out = new ArrayList<>(in.size());
      for (Object x : in) {
        out.add(x == null ? null : element.apply(x));
      }
      return Collections.unmodifiableList(out);
    };
  }

  private static Conversion enumConversion(Field f, Class<?> enumType, String path) {
    List<Object> allowed = f.allowedValues();
    if (allowed == null) {
      throw new Mismatch("component '" + path + "' is the enum " + enumType.getSimpleName() + " but field '"
          + f.name() + "' has no one_of; declare it as a String");
    }
    Map<String, Object> constants = new LinkedHashMap<>();
    for (Object value : allowed) {
      String name = value.toString().toUpperCase(Locale.ROOT).replace('-', '_');
      Object constant = null;
      for (Object c : enumType.getEnumConstants()) {
        if (((Enum<?>) c).name().equals(name)) {
          constant = c;
        }
      }
      if (constant == null) {
        throw new Mismatch("component '" + path + "': enum " + enumType.getSimpleName() + " has no constant " + name
            + " for the value '" + value + "' of field '" + f.name() + "'");
      }
      constants.put(value.toString(), constant);
    }
    return v -> {
      Object constant = constants.get(v.toString());
      if (constant == null) {
        throw new IllegalStateException("field " + f.name() + " holds '" + v + "', which is not one of " + allowed);
      }
      return constant;
    };
  }

  private static Type typeArgument(Type target, int index, Field f, String path) {
    if (target instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      Type arg = p.getActualTypeArguments()[index];
      if (rawClass(arg) != null) {
        return arg;
      }
    }
    throw new Mismatch("component '" + path + "' binds field '" + f.name() + "': declare its element types"
        + " (for example List<String>)");
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static int toInt(Number n, String field) {
    long l = toLong(n, field);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("config." + field + ": " + n + " does not fit in an int");
    }
    return (int) l;
  }

  private static long toLong(Number n, String field) {
    if (n instanceof Long || n instanceof Integer) {
      return n.longValue();
    }
    double d = Math.floor(n.doubleValue());
    if (!(d >= Long.MIN_VALUE && d <= Long.MAX_VALUE)) {
      throw new IllegalArgumentException("config." + field + ": " + n + " does not fit in a long");
    }
    return (long) d;
  }

  private static String expected(Field.Type type) {
    return switch (type) {
      case STRING -> "String, or an enum when the field has one_of";
      case INTEGER, NUMBER -> "int, long, double or their boxes";
      case BOOLEAN -> "boolean or Boolean";
      case ARRAY -> "List<E>";
      case SET -> "Set<E> or List<E>";
      case MAP -> "Map<String, V>";
      case RECORD -> "a record or Row";
      default -> "a type the binder does not support";
    };
  }

  private static String snakeCase(String component) {
    StringBuilder out = new StringBuilder();
    for (char c : component.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String names(Schema schema) {
    StringJoiner j = new StringJoiner(", ");
    schema.fields().forEach(f -> j.add(f.name()));
    return j.toString();
  }
}
