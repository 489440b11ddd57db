package dev.llmgateway.cluster.internal.postgres;

/**
 * One versioned schema change: {@code up} adds (safe while older nodes still run), {@code teardown}, run by
 * {@code migrations finish}, removes what only older nodes needed (null when there is nothing to remove).
 */
record Migration(String name, String up, String teardown) {
  /** Every migration of this build, in order. Names never change once released: the database records them. */
  static final java.util.List<Migration> ALL = java.util.List.of(
      new Migration("000_base", """
          CREATE TABLE gateway_state (
            id integer PRIMARY KEY CHECK (id = 1),
            version bigint NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now());
          INSERT INTO gateway_state (id, version) VALUES (1, 0);
          CREATE TABLE gateway_entities (
            entity_type text NOT NULL,
            id uuid NOT NULL,
            seq bigserial NOT NULL,
            row jsonb NOT NULL,
            PRIMARY KEY (entity_type, id));
          CREATE INDEX gateway_entities_seq ON gateway_entities (seq);
          CREATE TABLE gateway_changes (
            version bigint PRIMARY KEY,
            node_id text NOT NULL,
            change jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
          """, null),
      // Uniqueness and references enforced by the database itself: a row's unique values and its references are
      // kept beside it, so two nodes racing cannot commit a duplicate name or a child whose parent is gone.
      new Migration("001_integrity", """
          CREATE TABLE gateway_unique_keys (
            entity_type text NOT NULL,
            key_name text NOT NULL,
            key_value text NOT NULL,
            id uuid NOT NULL,
            CONSTRAINT gateway_unique_keys_unique UNIQUE (entity_type, key_name, key_value)
              DEFERRABLE INITIALLY DEFERRED,
            FOREIGN KEY (entity_type, id) REFERENCES gateway_entities (entity_type, id) ON DELETE CASCADE);
          CREATE INDEX gateway_unique_keys_owner ON gateway_unique_keys (entity_type, id);
          CREATE TABLE gateway_references (
            entity_type text NOT NULL,
            id uuid NOT NULL,
            field text NOT NULL,
            parent_type text NOT NULL,
            parent_id uuid NOT NULL,
            PRIMARY KEY (entity_type, id, field),
            FOREIGN KEY (entity_type, id) REFERENCES gateway_entities (entity_type, id) ON DELETE CASCADE,
            CONSTRAINT gateway_references_parent FOREIGN KEY (parent_type, parent_id)
              REFERENCES gateway_entities (entity_type, id) DEFERRABLE INITIALLY DEFERRED);
          CREATE INDEX gateway_references_parent_idx ON gateway_references (parent_type, parent_id);
          """, null));
}
