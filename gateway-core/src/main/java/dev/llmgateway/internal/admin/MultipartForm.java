package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.form.MultipartBody;
import dev.llmgateway.internal.store.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The name/value pairs of a {@code multipart/form-data} body — what {@code curl -F name=value} and
 * {@code curl -F config=@kong.yml} send. Each part's content is taken as UTF-8 text, file or not; parts without a
 * name are ignored, and an unreadable body yields what could be read (often nothing).
 */
final class MultipartForm {
  private MultipartForm() {}

  static List<Map.Entry<String, Object>> pairs(byte[] body, String contentType) {
    List<Map.Entry<String, Object>> out = new ArrayList<>();
    MultipartBody multipart = MultipartBody.parse(body, MultipartBody.boundary(contentType));
    if (multipart.parts().size() >= MultipartBody.MAX_PARTS && !multipart.complete()) {
      throw ApiError.message(400, "Too many arguments");
    }
    for (MultipartBody.Part part : multipart.parts()) {
      if (part.name() == null) {
        continue;
      }
      if (out.size() >= FormDecoder.MAX_ARGS) {
        throw ApiError.message(400, "Too many arguments");
      }
      out.add(Map.entry(part.name(), part.text(body)));
    }
    return out;
  }
}
