/** An application that embeds the gateway, with a custom plugin registered through ServiceLoader. */
package dev.llmgateway.examples.embedded;
