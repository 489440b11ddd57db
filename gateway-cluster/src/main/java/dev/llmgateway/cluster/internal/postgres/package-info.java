/**
 * Cluster mode's configuration store in PostgreSQL: {@link dev.llmgateway.cluster.internal.postgres.PgConfigStore} (one
 * serialised, version-checked transaction per commit; LISTEN/NOTIFY and a periodic version check for
 * propagation) and Kong's {@code migrations} commands ({@link dev.llmgateway.cluster.internal.postgres.Migrations}).
 */
package dev.llmgateway.cluster.internal.postgres;
