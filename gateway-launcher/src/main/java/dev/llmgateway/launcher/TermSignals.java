package dev.llmgateway.launcher;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Catches SIGTERM and SIGINT so that the gateway drains and exits 0 instead of dying with status 143: the first
 * signal starts {@code drain} on its own thread, a second one runs {@code stopNow}. The JDK has no supported API
 * for handling TERM (shutdown hooks run after the decision to exit, with status 143), so this uses
 * {@code sun.misc.Signal} from the {@code jdk.unsupported} module. It is reached reflectively so that the build
 * stays free of javac's "internal proprietary API" warnings; without the module, signals keep their defaults.
 */
final class TermSignals {
  private TermSignals() {}

  static void install(Runnable drain, Runnable stopNow) {
    AtomicBoolean first = new AtomicBoolean(true);
    Runnable onSignal = () -> {
      if (first.getAndSet(false)) {
        Thread t = new Thread(drain, "gateway-drain");
        t.setDaemon(false);
        t.start();
      } else {
        stopNow.run();
      }
    };
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Constructor<?> newSignal = signalType.getConstructor(String.class);
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      Object handler = Proxy.newProxyInstance(TermSignals.class.getClassLoader(), new Class<?>[] {handlerType},
          (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
              onSignal.run();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "TermSignals.handler";
          });
      for (String name : new String[] {"TERM", "INT"}) {
        try {
          handle.invoke(null, newSignal.newInstance(name), handler);
        } catch (InvocationTargetException e) {
          // the signal does not exist on this platform (or the JVM reserved it with -Xrs): keep its default
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // no jdk.unsupported in this runtime: TERM and INT keep the JVM's default (shutdown hooks still drain)
    }
  }
}
