package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.internal.form.MultipartBody;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form fields of a {@code multipart/form-data} body (named parts that are not file uploads); removing one cuts
 * its parts out and keeps every other byte. A body that does not parse to its closing delimiter has no fields.
 */
final class MultipartFields implements BodyFields {
  private final byte[] body;
  private final List<MultipartBody.Part> parts;
  private final Map<String, Object> values;

  private MultipartFields(byte[] body, List<MultipartBody.Part> parts, Map<String, Object> values) {
    this.body = body;
    this.parts = parts;
    this.values = values;
  }

  static BodyFields parse(String contentType, byte[] body) {
    MultipartBody multipart = MultipartBody.parse(body, MultipartBody.boundary(contentType));
    if (!multipart.complete()) {
      return NONE;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (MultipartBody.Part part : multipart.parts()) {
      if (part.name() != null && !part.file()) {
        values.merge(part.name(), part.text(body), BodyFields::repeated);
      }
    }
    return new MultipartFields(body, multipart.parts(), values);
  }

  @Override
  public Object value(String name) {
    return values.get(name);
  }

  @Override
  public byte[] without(String name) {
    if (!values.containsKey(name)) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int copied = 0;
    for (MultipartBody.Part p : parts) {
      if (name.equals(p.name()) && !p.file()) {
        out.write(body, copied, p.start() - copied);
        copied = p.end();
      }
    }
    out.write(body, copied, body.length - copied);
    return out.toByteArray();
  }
}
