package dev.llmgateway.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorFormatTest {
  @ParameterizedTest(name = "Accept: {0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null | JSON",
      "*/* | JSON",
      "application/json | JSON",
      "text/html | HTML",
      "text/plain | TEXT",
      "text/* | TEXT",
      "application/xml | XML",
      "image/png | JSON",
      "text/html;q=0.2, application/xml;q=0.9 | XML",
      "text/plain;q=0, text/html | HTML",
      "text/html; charset=utf-8 | HTML",
      "garbage | JSON",
  })
  void kongResponseErrorPicksTheBestAcceptableType(String accept, ErrorFormat expected) {
    assertThat(ErrorFormat.forAccept(accept)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Accept: {0}, Content-Type: {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null | null | TEXT",
      "null | application/json | JSON",
      "null | text/html; charset=utf-8 | HTML",
      "*/* | null | JSON",
      "application/json, text/plain | null | JSON",
      "text/plain | application/json | TEXT",
  })
  void theErrorHandlerFallsBackToContentTypeThenText(String accept, String contentType, ErrorFormat expected) {
    assertThat(ErrorFormat.forErrorHandler(accept, contentType)).isEqualTo(expected);
  }
}
