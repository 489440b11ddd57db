/** The ai-prompt-decorator plugin: prepends and appends messages to OpenAI chat bodies. */
package dev.llmgateway.internal.plugins.aipromptdecorator;
