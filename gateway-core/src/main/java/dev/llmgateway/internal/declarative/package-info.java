/** Kong's declarative configuration format ({@code _format_version: "3.0"}) in JSON and YAML: loading and export. */
package dev.llmgateway.internal.declarative;
