/** The {@code java -jar gateway.jar} command line: start (the default), config, health, version. */
package dev.llmgateway.launcher;
