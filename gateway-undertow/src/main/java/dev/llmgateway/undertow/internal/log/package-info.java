/** The access log: one line per finished request, formatted and written by a dedicated thread. Internal. */
package dev.llmgateway.undertow.internal.log;
