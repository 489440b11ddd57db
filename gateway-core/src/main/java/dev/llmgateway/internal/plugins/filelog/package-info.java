/** Kong's {@code file-log} plugin: one JSON line per request, Kong's log serializer, appended to a file. */
package dev.llmgateway.internal.plugins.filelog;
