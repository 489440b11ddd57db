package dev.llmgateway.cluster.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells the writer when another node changed the configuration: a {@code LISTEN} session that wakes on each
 * {@code NOTIFY}, and, as a safety net for a notification missed (a reconnect, a dropped session), a cheap check
 * of the version number every {@code checkIntervalMillis}. The same check tracks whether the database is
 * reachable; after an outage the session reconnects by itself and the node catches up.
 */
final class ChangeListener {
  private static final System.Logger LOGGER = System.getLogger(ChangeListener.class.getName());
  private static final int WAIT_MILLIS = 200;

  private final PgSettings settings;
  private final PgConfigStore store;
  private final Runnable nudge;
  private final long checkIntervalMillis;
  private final Thread thread;
  private volatile boolean closed;
  private Connection connection;

  ChangeListener(PgSettings settings, PgConfigStore store, Runnable nudge, long checkIntervalMillis) {
    this.settings = settings;
    this.store = store;
    this.nudge = nudge;
    this.checkIntervalMillis = checkIntervalMillis;
    this.thread = new Thread(this::run, "config-listener");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    long lastCheck = 0;
    boolean wasDown = false;
    while (!closed) {
      try {
        if (connection == null) {
          connection = PgConnections.open(settings);
          try (Statement st = connection.createStatement()) {
            st.execute("LISTEN " + PgConfigStore.CHANNEL);
          }
          if (wasDown) {
            LOGGER.log(System.Logger.Level.INFO, "the configuration database " + settings.describe()
                + " is reachable again; catching up");
          }
          wasDown = false;
          store.reachable(true);
          nudge.run();
        }
        PGNotification[] notes = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
        if (notes != null) {
          for (PGNotification n : notes) {
            if (parse(n.getParameter()) > store.version()) {
              nudge.run();
              break;
            }
          }
        }
        long now = System.nanoTime() / 1_000_000;
        if (now - lastCheck >= checkIntervalMillis) {
          lastCheck = now;
          if (versionNow() != store.version()) {
            nudge.run();
          }
          store.reachable(true);
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (!wasDown) {
          LOGGER.log(System.Logger.Level.WARNING, "the configuration database " + settings.describe()
              + " is unreachable, serving the last configuration and refusing writes: "
              + PgConnections.firstLine(e));
        }
        wasDown = true;
        store.reachable(false);
        closeConnection();
        pause(Math.min(1000, settings.timeoutMillis()));
      } catch (PgFailure e) {
        if (!wasDown) {
          LOGGER.log(System.Logger.Level.WARNING, "the configuration database is unreachable, serving the last"
              + " configuration and refusing writes: " + e.getMessage());
        }
        wasDown = true;
        store.reachable(false);
        pause(Math.min(1000, settings.timeoutMillis()));
      }
    }
    closeConnection();
  }

  private long versionNow() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT version FROM gateway_state WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static long parse(String payload) {
    try {
      return Long.parseLong(payload.trim());
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
