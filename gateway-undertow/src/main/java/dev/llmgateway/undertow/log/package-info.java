/** The access log: one line per finished request, formatted and written by a dedicated thread. */
package dev.llmgateway.undertow.log;
