/** The embedding API: start a gateway inside an application, configure it in code, change it at run time. */
package dev.llmgateway.undertow.embed;
