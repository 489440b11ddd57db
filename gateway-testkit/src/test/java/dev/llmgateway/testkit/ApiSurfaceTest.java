package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.store.ConfigStore;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the stability policy of docs/api-stability.md: what the exported packages declare publicly names only
 * exported types, the JDK's, and the few third-party types the policy lists. An internal type in a public
 * signature would make it API by accident.
 */
class ApiSurfaceTest {
  static final Set<String> EXPORTED = Set.of(
      "dev.llmgateway",
      "dev.llmgateway.plugin",
      "dev.llmgateway.schema",
      "dev.llmgateway.entity",
      "dev.llmgateway.config",
      "dev.llmgateway.store",
      "dev.llmgateway.net",
      "dev.llmgateway.balancer",
      "dev.llmgateway.undertow.embed",
      "dev.llmgateway.testkit");

  /** Third-party types the API may name: Micrometer's registry, JUnit's extension SPI (testkit only). */
  static final List<String> THIRD_PARTY = List.of("io.micrometer.core.instrument.", "org.junit.jupiter.api.");

  @Test
  void exportedSignaturesNameOnlyExportedTypes() throws Exception {
    Set<String> leaks = new TreeSet<>();
    List<Class<?>> types = exportedTypes();
    assertThat(types).extracting(Class::getName)
        .contains("dev.llmgateway.plugin.PluginType", "dev.llmgateway.undertow.embed.EmbeddedGateway",
            "dev.llmgateway.testkit.GatewayExtension");
    for (Class<?> type : types) {
      for (String leak : leaksOf(type)) {
        leaks.add(type.getName() + ": " + leak);
      }
    }
    assertThat(leaks).as("internal or third-party types in exported signatures").isEmpty();
  }

  @Test
  void everyOtherPackageIsInternal() throws Exception {
    Set<String> unmarked = new TreeSet<>();
    for (Path root : roots()) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
          String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
          if (pkg.startsWith("META-INF")) {
            return;
          }
          if (!EXPORTED.contains(pkg) && !pkg.contains(".internal")) {
            unmarked.add(pkg);
          }
        });
      }
    }
    assertThat(unmarked).as("packages neither exported nor named internal").isEmpty();
  }

  /** The class trees of the three modules: directories in a test run of one module, jars in a reactor's verify. */
  private static List<Path> roots() throws URISyntaxException, IOException {
    List<Path> roots = new ArrayList<>();
    for (Class<?> anchor : List.of(ConfigStore.class, EmbeddedGateway.class, GatewayExtension.class)) {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      roots.add(Files.isDirectory(location) ? location : jarRoot(location));
    }
    return roots;
  }

  private static Path jarRoot(Path jar) throws IOException {
    try {
      return FileSystems.getFileSystem(URI.create("jar:" + jar.toUri())).getPath("/");
    } catch (FileSystemNotFoundException notOpen) {
      return FileSystems.newFileSystem(jar).getPath("/");
    }
  }

  private static List<Class<?>> exportedTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    List<Class<?>> types = new ArrayList<>();
    for (Path root : roots()) {
      for (String pkg : EXPORTED) {
        Path dir = root.resolve(pkg.replace('.', '/'));
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            String file = f.getFileName().toString();
            if (file.endsWith(".class") && !file.equals("package-info.class")) {
              Class<?> type = Class.forName(pkg + "." + file.substring(0, file.length() - 6), false,
                  ApiSurfaceTest.class.getClassLoader());
              if (visible(type)) {
                types.add(type);
              }
            }
          }
        }
      }
    }
    return types;
  }

  private static boolean visible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> leaksOf(Class<?> type) {
    Set<String> leaks = new TreeSet<>();
    Set<Type> seen = new HashSet<>();
    check(type.getGenericSuperclass(), "extends", leaks, seen);
    for (Type i : type.getGenericInterfaces()) {
      check(i, "implements", leaks, seen);
    }
    for (Field f : type.getDeclaredFields()) {
      if (exposed(f)) {
        check(f.getGenericType(), f.getName(), leaks, seen);
      }
    }
    List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
    members.addAll(List.of(type.getDeclaredMethods()));
    for (Executable m : members) {
      if (!exposed(m) || (m instanceof Method method && (method.isSynthetic() || method.isBridge()))) {
        continue;
      }
      if (m instanceof Method method) {
        check(method.getGenericReturnType(), m.getName(), leaks, seen);
      }
      for (Type p : m.getGenericParameterTypes()) {
        check(p, m.getName(), leaks, seen);
      }
      for (Type e : m.getGenericExceptionTypes()) {
        check(e, m.getName(), leaks, seen);
      }
    }
    return leaks;
  }

  private static boolean exposed(Member m) {
    int mod = m.getModifiers();
    return (Modifier.isPublic(mod) || Modifier.isProtected(mod)) && !m.isSynthetic();
  }

  private static void check(Type t, String where, Set<String> leaks, Set<Type> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    if (t instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (c.isPrimitive()) {
        return;
      }
      String name = c.getName();
      String pkg = c.getPackageName();
      boolean ok = name.startsWith("java.") || name.startsWith("javax.") || EXPORTED.contains(pkg)
          || THIRD_PARTY.stream().anyMatch(name::startsWith);
      if (!ok) {
        leaks.add(where + " -> " + name);
      }
    } else if (t instanceof ParameterizedType p) {
      check(p.getRawType(), where, leaks, seen);
      for (Type a : p.getActualTypeArguments()) {
        check(a, where, leaks, seen);
      }
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(b, where, leaks, seen);
      }
      for (Type b : w.getLowerBounds()) {
        check(b, where, leaks, seen);
      }
    } else if (t instanceof GenericArrayType g) {
      check(g.getGenericComponentType(), where, leaks, seen);
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        check(b, where, leaks, seen);
      }
    }
  }
}
