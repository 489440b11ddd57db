/** Kong-style schemas: fields, validators, entity checks and subschemas, validating input into rows or Kong-shaped errors. */
package dev.llmgateway.schema;
