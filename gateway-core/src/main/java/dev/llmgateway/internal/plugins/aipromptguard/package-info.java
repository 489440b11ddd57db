/** The ai-prompt-guard plugin: allow and deny patterns over the prompts of OpenAI chat and completions bodies. */
package dev.llmgateway.internal.plugins.aipromptguard;
