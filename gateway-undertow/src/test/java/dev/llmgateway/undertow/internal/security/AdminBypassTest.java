package dev.llmgateway.undertow.internal.security;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.plugins.StackGateway;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "No way around the key": against a gateway running the default stack with its Admin API listener on
 * 127.0.0.1 and an ephemeral port, none of these requests on the proxy port reaches admin data without a valid
 * key. Each case names what must happen: 401 (the admin route refused it), 404 (no route), stub (it went to the
 * vLLM stub, not the Admin API), or refused (any 4xx).
 */
class AdminBypassTest {
  /** Text only the Admin API's service listing contains; the echo stub never says it. */
  private static final String ADMIN_DATA = "\"name\":\"admin-api-service\"";
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static RawExchange raw(String method, String target, String... headerLines) throws Exception {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    boolean host = false;
    for (String h : headerLines) {
      host |= h.regionMatches(true, 0, "Host:", 0, 5);
      head.append(h.replace("{admin}", Integer.toString(gw.adminPort()))).append("\r\n");
    }
    if (!host) {
      head.append("Host: 127.0.0.1:").append(gw.proxyPort()).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return RawExchange.send(gw.proxyPort(), head.toString().replace("{admin}", Integer.toString(gw.adminPort())));
  }

  @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
  @CsvSource(delimiter = '|', value = {
      "GET | /v1/vllm/../admin-api/services | | refused",
      "GET | //admin-api/services | | refused",
      "GET | /ADMIN-API/services | | 404",
      "GET | /admin-api%2Fservices | | 401",
      "GET | /admin-api%2fservices | | 401",
      "GET | /%61dmin-api/services | | 401",
      "GET | /admin-api/./services | | 401",
      "GET | /admin-api/../admin-api/services | | 401",
      "GET | /v1/vllm/..;/admin-api/services | | stub",
      "GET | /admin-api;x/services | | 401",
      "GET | /v1/vllm/%2e%2e/admin-api/services | | refused",
      "GET | /v1/vllm/%2E%2E/%2e%2e/v1/vllm/../../admin-api/services | | refused",
      "GET | /v1/vllm/..%2fadmin-api/services | | stub",
      "GET | /v1/vllm/..%2F..%2Fadmin-api/services | | stub",
      "GET | /v1/vllm/%252e%252e/admin-api/services | | stub",
      "GET | /admin-api%00/services | | refused",
      "GET | http://127.0.0.1:{admin}/services | | 404",
      "GET | http://127.0.0.1:{admin}/admin-api/services | | 401",
      "CONNECT | 127.0.0.1:{admin} | Host: 127.0.0.1:{admin} | refused",
      "GET | /services | Host: 127.0.0.1:{admin} | 404",
      "GET | /admin-api/services | Host: 127.0.0.1:{admin} | 401",
      "GET | /v1/vllm/x | X-Original-URL: /admin-api/services | stub",
      "GET | /v1/vllm/x | X-Rewrite-URL: /admin-api/services | stub",
      "GET | /admin-api/services | X-Original-URL: /v1/vllm/x | 401",
      "HEAD | /admin-api/services | | 401",
      "OPTIONS | /admin-api/services | | 401",
      "OPTIONS | /admin-api/services | Origin: http://evil.test | 401",
      "GET | /admin-api/services | 'apikey: ' | 401",
      "GET | /admin-api/services?apikey= | | 401",
      "GET | /admin-api/services?apikey | | 401",
      "GET | /admin-api/services | 'Authorization: Bearer ' | 401",
      "GET | /admin-api/services | X-HTTP-Method-Override: GET | 401",
      "POST | /admin-api/services | X-HTTP-Method-Override: GET | 401",
      "GET | /admin-api/services | X-Method-Override: OPTIONS | 401",
      "GET | /admin-api/services | X-Consumer-Username: admin | 401",
      "GET | /admin-api/services | X-Consumer-Groups: admin | 401",
      "GET | /admin-api/services | X-Anonymous-Consumer: false | 401",
  })
  void noWayAroundTheKey(String method, String target, String header, String expected) throws Exception {
    RawExchange r = header == null ? raw(method, target) : raw(method, target, header);
    assertThat(r.text()).as(r.text()).doesNotContain(ADMIN_DATA);
    switch (expected) {
      case "401" -> {
        assertThat(r.status()).as(r.text()).isEqualTo(401);
        assertThat(r.text()).containsIgnoringCase("WWW-Authenticate: Key");
      }
      case "404" -> assertThat(r.status()).as(r.text()).isEqualTo(404);
      case "stub" -> assertThat(r.text()).as(r.text()).contains("\"body_sha256\"");
      default -> assertThat(r.status() == -1 || (r.status() >= 400 && r.status() < 500)).as(r.text()).isTrue();
    }
  }

  @Test
  void basicCredentialsAreNotAKey() throws Exception {
    String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_KEY).getBytes());
    RawExchange r = raw("GET", "/admin-api/services", "Authorization: Basic " + basic);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text()).doesNotContain(ADMIN_DATA);
  }

  @Test
  void anApplicationKeyIsForbidden() throws Exception {
    gw.adminForm("POST", "/consumers", "username=my-app");
    gw.adminForm("POST", "/consumers/my-app/key-auth", "key=app-key-1234");
    RawExchange r = raw("GET", "/admin-api/services", "apikey: app-key-1234");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).doesNotContain(ADMIN_DATA);
  }

  @Test
  void theValidKeyWorksInEveryAcceptedForm() throws Exception {
    assertThat(raw("GET", "/admin-api/services", "apikey: " + ADMIN_KEY).text()).contains(ADMIN_DATA);
    assertThat(raw("GET", "/admin-api/services?apikey=" + ADMIN_KEY).text()).contains(ADMIN_DATA);
    assertThat(raw("GET", "/admin-api/services", "Authorization: Bearer " + ADMIN_KEY).text()).contains(ADMIN_DATA);
    assertThat(raw("GET", "/admin-api/./services", "apikey: " + ADMIN_KEY).text()).contains(ADMIN_DATA);
    assertThat(raw("HEAD", "/admin-api/services", "apikey: " + ADMIN_KEY).status()).isEqualTo(200);
  }
}
