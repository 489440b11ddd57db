/** Kong's serverless (Lua) plugins: refused at config time with a message that names them and what to use. */
package dev.llmgateway.internal.plugins.serverless;
