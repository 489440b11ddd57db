/**
 * WebSocket proxying on http/https routes, as Kong does it: which requests are handshakes, the upgrade headers sent
 * upstream, and the byte tunnel between the two connections once the upstream answered {@code 101}. Internal.
 */
package dev.llmgateway.undertow.internal.websocket;
