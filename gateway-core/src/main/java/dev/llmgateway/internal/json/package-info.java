/** The project's one JSON codec: JSON documents to plain values and back, written the way Kong writes them. */
package dev.llmgateway.internal.json;
