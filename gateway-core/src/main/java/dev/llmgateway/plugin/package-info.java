/** The plugin SPI: plugin types, instances, their phases and what each phase may see and change. */
package dev.llmgateway.plugin;
