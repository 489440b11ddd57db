/** Request body formats shared by the Admin API and plugins: {@code multipart/form-data} parts. Internal. */
package dev.llmgateway.internal.form;
