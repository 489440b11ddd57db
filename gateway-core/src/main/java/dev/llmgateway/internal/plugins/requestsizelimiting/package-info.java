/** The request-size-limiting plugin: request bodies over a size refused before they reach the upstream. */
package dev.llmgateway.internal.plugins.requestsizelimiting;
