/** Test fixtures shipped in the test-jar: a scriptable NIO upstream stub, a gateway harness and raw HTTP clients. */
package dev.llmgateway.undertow.internal.testing;
