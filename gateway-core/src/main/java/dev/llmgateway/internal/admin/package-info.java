/** Kong's Admin API as pure request-to-response logic, independent of any HTTP server. */
package dev.llmgateway.internal.admin;
