/** The response-transformer plugin: header edits on every response, JSON edits on bodies that are not streamed. */
package dev.llmgateway.internal.plugins.responsetransformer;
