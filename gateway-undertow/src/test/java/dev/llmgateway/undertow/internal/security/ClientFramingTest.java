package dev.llmgateway.undertow.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.GatewayHarness;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import dev.llmgateway.undertow.internal.testing.TestConfig;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client leg's framing, as exact bytes on a raw socket against the real proxy listener, with a recording stub
 * upstream behind {@code /v1/vllm}. Every case that smuggles a second request after a refused or malformed one
 * checks both sides: the client gets one answer for the one request it sent, and the second request never reaches
 * the upstream (nor is answered).
 */
class ClientFramingTest {
  private static final String HOST = "Host: localhost\r\n";
  private static final String SMUGGLED = "GET /v1/vllm/SMUGGLED HTTP/1.1\r\n" + HOST + "\r\n";
  private static StubUpstream stub;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    stub = StubUpstream.start(StubHandlers.echo());
    TestConfig config = TestConfig.with();
    UUID s = config.service("vllm", stub.url());
    config.route(s, "/v1/vllm");
    gateway = GatewayHarness.start(config.snapshot());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    stub.close();
  }

  private int seenBefore;

  @BeforeEach
  void forget() {
    seenBefore = stub.requests().size();
  }

  private static Wire send(String bytes) throws Exception {
    return Wire.send(gateway.port(), bytes);
  }

  private List<StubRequest> upstreamRequests() {
    List<StubRequest> all = stub.requests();
    return all.subList(seenBefore, all.size());
  }

  private List<String> upstreamPaths() {
    return upstreamRequests().stream().map(StubRequest::path).toList();
  }

  private void refusedAlone(Wire wire, int status) {
    assertThat(wire.statuses()).containsExactly(status);
    assertThat(wire.closed()).as("connection closed after the refusal").isTrue();
    assertThat(wire.trailing()).isEmpty();
    assertThat(wire.responses().get(0).body()).contains("request_id");
    assertThat(upstreamPaths()).as("nothing reached the upstream").isEmpty();
  }

  @ParameterizedTest(name = "Transfer-Encoding: {0} -> 501, nothing smuggled")
  @ValueSource(strings = {"xchunked", "chunked, identity", "gzip", "chunked, gzip", "\"chunked\"", "gzip, chunked",
      "chunked;q=1", "x"})
  void transferCodingsOtherThanChunkedAreNotImplemented(String coding) throws Exception {
    Wire wire = send("POST /v1/vllm/a HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
        + "Transfer-Encoding: " + coding + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + SMUGGLED);
    refusedAlone(wire, 501);
    assertThat(wire.responses().get(0).body()).contains("Not implemented");
  }

  @Test
  void identityWithoutALengthIs400() throws Exception {
    refusedAlone(send("POST /v1/vllm/a HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
        + "Transfer-Encoding: identity\r\n\r\nhello" + SMUGGLED), 400);
  }

  @Test
  void transferEncodingOnHttp10Is400() throws Exception {
    refusedAlone(send("POST /v1/vllm/a HTTP/1.0\r\n" + HOST + "Content-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + SMUGGLED), 400);
  }

  @ParameterizedTest(name = "chunk framing {0} -> 400, nothing smuggled")
  @ValueSource(strings = {
      "5g\r\nhello\r\n0\r\n\r\n", // a size with a non-hex character
      "5\r\nhelloEXTRA\r\n0\r\n\r\n", // data longer than its size
      "5\r\nhello\r\nGET /v1/vllm/S HTTP/1.1\r\nHost: x\r\n\r\n", // a request line where a size should be
      "00000000000000005\r\nhello\r\n0\r\n\r\n", // 17 hex digits
      "10000000000000000\r\nhello\r\n0\r\n\r\n", // past 2^64
      "-5\r\nhello\r\n0\r\n\r\n", // negative
      "0x5\r\nhello\r\n0\r\n\r\n", // a C prefix
      "\r\nhello\r\n0\r\n\r\n", // an empty size
      "5\nhello\r\n0\r\n\r\n", // a bare LF after the size
      "5\r\nhello\n0\r\n\r\n", // a bare LF after the data
      "5 x\r\nhello\r\n0\r\n\r\n", // something other than an extension after the size
      "5\r\nhello\r\n0\r\n X: folded\r\n\r\n", // an obs-folded trailer
      "5\r\nhello\r\n0\r\nbad trailer\r\n\r\n", // a trailer line that is not a field
  })
  void malformedChunksAre400AndClose(String body) throws Exception {
    Wire wire = send("POST /v1/vllm/a HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + body + SMUGGLED);
    refusedAlone(wire, 400);
  }

  @Test
  void aStrictChunkedBodyWithExtensionsAndTrailersIsForwardedAndThePipelinedRequestAfterItServed()
      throws Exception {
    Wire wire = send("POST /v1/vllm/first HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
        + "Transfer-Encoding: Chunked\r\n\r\n"
        + "3;ext=\"v\"\r\n{\"a\r\n00003 ; x\r\n\":1\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n"
        + "GET /v1/vllm/second HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
    assertThat(wire.statuses()).containsExactly(200, 200);
    assertThat(wire.closed()).isTrue();
    assertThat(upstreamPaths()).containsExactly("/first", "/second");
    assertThat(upstreamRequests().get(0).bodyText()).isEqualTo("{\"a\":1}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Connection: close, X-Foo\r\n", "Connection: X-Foo, close\r\n",
      "Connection: keep-alive\r\nConnection: close\r\n", "Connection: CLOSE\r\n"})
  void closeAnywhereInConnectionEndsTheConnection(String connection) throws Exception {
    Wire wire = send("GET /v1/vllm/a HTTP/1.1\r\n" + HOST + connection + "\r\n" + SMUGGLED);
    assertThat(wire.statuses()).containsExactly(200);
    assertThat(wire.closed()).isTrue();
    assertThat(upstreamPaths()).containsExactly("/a");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"get", "Get", "pOST"})
  void lowerCaseMethodsAre400(String method) throws Exception {
    refusedAlone(send(method + " /v1/vllm/a HTTP/1.1\r\n" + HOST + "\r\n" + SMUGGLED), 400);
  }

  @Test
  void traceIs405() throws Exception {
    refusedAlone(send("TRACE /v1/vllm/a HTTP/1.1\r\n" + HOST + "\r\n" + SMUGGLED), 405);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "GET /v1/vllm/a\u0001b HTTP/1.1\r\nHost: localhost\r\n\r\n", // a control character in the target
      "GET /v1/vllm/a b HTTP/1.1\r\nHost: localhost\r\n\r\n", // a space in the target
      "GET /v1/vllm/a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", // two Hosts
      "GET /v1/vllm/a HTTP/1.1\r\nHost: a b\r\n\r\n", // a bad Host
      "POST /v1/vllm/a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n0\r\n\r\n",
      "POST /v1/vllm/a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
      "GET /v1/vllm/a HTTP/1.1\r\nHost: localhost\r\nX Y: z\r\n\r\n", // a space in a field name
      "GET /v1/vllm/a HTTP/1.1\r\nHost: localhost\r\nX-Y : z\r\n\r\n", // a space before the colon
      "GET /v1/vllm/a HTTP/1.1\nHost: localhost\n\n", // bare LF line ends
  })
  void whatTheParserRefusesGets400WithKongsBodyAndCloses(String head) throws Exception {
    Wire wire = send(head + SMUGGLED);
    refusedAlone(wire, 400);
    assertThat(wire.responses().get(0).header("content-type")).startsWith("application/json");
    assertThat(wire.responses().get(0).body()).contains("\"message\":\"Bad request\"");
  }

  @Test
  void aHeadOverTheLimitGets400WithKongsBody() throws Exception {
    Wire wire = send("GET /v1/vllm/a HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(40 * 1024)
        + "\r\n\r\n");
    refusedAlone(wire, 400);
    assertThat(wire.responses().get(0).body()).contains("Bad request");
  }

  @Test
  void moreThanAHundredFieldsGet400() throws Exception {
    StringBuilder head = new StringBuilder("GET /v1/vllm/a HTTP/1.1\r\nHost: localhost\r\n");
    for (int i = 0; i < 101; i++) {
      head.append("X-F").append(i).append(": v\r\n");
    }
    refusedAlone(send(head + "\r\n"), 400);
  }

  /** RFC 9112 §5.2 lets a proxy replace obs-fold by a space; the folded line never becomes a field. */
  @Test
  void anObsFoldIsASpaceInsideTheFieldAndNeverAFieldOfItsOwn() throws Exception {
    Wire wire = send("POST /v1/vllm/a HTTP/1.1\r\n" + HOST + "X-Pad: a\r\n Transfer-Encoding: chunked\r\n"
        + "Content-Length: 5\r\n\r\nhello" + "GET /v1/vllm/next HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
    assertThat(wire.statuses()).containsExactly(200, 200);
    assertThat(upstreamPaths()).containsExactly("/a", "/next");
    StubRequest first = upstreamRequests().get(0);
    assertThat(first.headers("X-Pad")).containsExactly("a Transfer-Encoding: chunked");
    assertThat(first.header("Transfer-Encoding")).isNull();
    assertThat(first.bodyText()).isEqualTo("hello");
  }

  @Test
  void fieldNamesWithUnderscoresAreDroppedLikeNginxDoes() throws Exception {
    Wire wire = send("POST /v1/vllm/a HTTP/1.1\r\n" + HOST + "X_Forwarded_For: 6.6.6.6\r\n"
        + "Transfer_Encoding: chunked\r\nContent_Length: 1\r\nX_Ok: 1\r\nContent-Length: 5\r\n"
        + "Connection: close\r\n\r\nhello");
    assertThat(wire.statuses()).containsExactly(200);
    StubRequest got = upstreamRequests().get(0);
    assertThat(got.headers().stream().map(java.util.Map.Entry::getKey)).noneMatch(n -> n.contains("_"));
    assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.bodyText()).isEqualTo("hello");
  }

  @Test
  void underscoresCanBeForwardedWhenAskedFor() throws Exception {
    TestConfig config = TestConfig.with();
    config.route(config.service("vllm", stub.url()), "/v1/vllm");
    try (GatewayHarness allowing = GatewayHarness.start(config.snapshot(), b -> b.underscoresInHeaders(true))) {
      Wire wire = Wire.send(allowing.port(), "GET /v1/vllm/u HTTP/1.1\r\n" + HOST + "X_Ok: 1\r\n"
          + "Connection: close\r\n\r\n");
      assertThat(wire.statuses()).containsExactly(200);
      assertThat(upstreamRequests().get(0).header("X_Ok")).isEqualTo("1");
    }
  }

  @Test
  void pipelinedRequestsWithLengthsAreEachAnsweredInOrder() throws Exception {
    Wire wire = send("POST /v1/vllm/one HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\n\r\nhello"
        + "GET /v1/vllm/two HTTP/1.1\r\n" + HOST + "\r\n"
        + "POST /v1/vllm/three HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\nConnection: close\r\n\r\nabc");
    assertThat(wire.statuses()).containsExactly(200, 200, 200);
    assertThat(upstreamPaths()).containsExactly("/one", "/two", "/three");
    assertThat(wire.closed()).isTrue();
  }
}
