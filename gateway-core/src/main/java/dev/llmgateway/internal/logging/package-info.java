/** Kong's basic log serializer: one request as the JSON object file-log and http-log write. */
package dev.llmgateway.internal.logging;
