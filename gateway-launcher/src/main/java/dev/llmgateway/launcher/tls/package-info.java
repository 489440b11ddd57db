/** TLS key material from PEM files, read with JDK code only. */
package dev.llmgateway.launcher.tls;
