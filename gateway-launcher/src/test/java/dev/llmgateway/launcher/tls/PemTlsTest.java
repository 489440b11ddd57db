package dev.llmgateway.launcher.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTlsTest {
  @TempDir
  static Path dir;
  static TestKeys.Pair rsa;
  static TestKeys.Pair ec;

  @BeforeAll
  static void keys() throws Exception {
    rsa = TestKeys.generate(dir, "RSA");
    ec = TestKeys.generate(dir, "EC");
  }

  @Test
  void pkcs8RsaKeyServesATlsHandshake() throws Exception {
    Path cert = TestKeys.writeCert(dir.resolve("rsa.crt"), rsa.cert());
    Path key = TestKeys.writePkcs8(dir.resolve("rsa8.key"), rsa.key());
    assertHandshakePresents(PemTls.serverContext(cert, key), rsa.cert());
  }

  @Test
  void pkcs1RsaKeyIsRewrappedIntoPkcs8() throws Exception {
    Path cert = TestKeys.writeCert(dir.resolve("rsa.crt"), rsa.cert());
    Path key = write("rsa1.key", TestKeys.pem("RSA PRIVATE KEY", innerKey(rsa.key().getEncoded())));
    assertHandshakePresents(PemTls.serverContext(cert, key), rsa.cert());
  }

  @Test
  void sec1EcKeyWithNamedCurveIsRewrappedIntoPkcs8() throws Exception {
    Path cert = TestKeys.writeCert(dir.resolve("ec.crt"), ec.cert());
    Path key = write("ec1.key", TestKeys.pem("EC PARAMETERS", curveOid(ec.key().getEncoded()))
        + TestKeys.pem("EC PRIVATE KEY", sec1WithCurve(ec.key().getEncoded())));
    assertHandshakePresents(PemTls.serverContext(cert, key), ec.cert());
  }

  @Test
  void certificateAndKeyMayShareOneFile() throws Exception {
    Path both = write("both.pem", TestKeys.pem("PRIVATE KEY", ec.key().getEncoded())
        + "Bag Attributes: ignored text between blocks\n" + TestKeys.pem("CERTIFICATE", ec.cert().getEncoded()));
    assertHandshakePresents(PemTls.serverContext(both, both), ec.cert());
  }

  @Test
  void sec1KeyWithoutCurveIsRefusedWithAHint() throws Exception {
    Path cert = TestKeys.writeCert(dir.resolve("ec.crt"), ec.cert());
    Path key = write("ec-nocurve.key", TestKeys.pem("EC PRIVATE KEY", innerKey(ec.key().getEncoded())));
    assertThatThrownBy(() -> PemTls.serverContext(cert, key)).isInstanceOf(PemException.class)
        .hasMessage(key + ": the EC PRIVATE KEY names no curve; convert it with openssl pkcs8 -topk8 -nocrypt -in "
            + key);
  }

  @Test
  void encryptedKeysGetOneLineWithTheFix() throws Exception {
    Path cert = TestKeys.writeCert(dir.resolve("rsa.crt"), rsa.cert());
    Path pkcs8 = write("enc8.key", TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
    Path legacy = write("enc1.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-256-CBC,AB8D121C0D7DFEC22FBD12A45B73B755\n\nMIIB\n-----END RSA PRIVATE KEY-----\n");
    for (Path key : List.of(pkcs8, legacy)) {
      assertThatThrownBy(() -> PemTls.serverContext(cert, key)).isInstanceOf(PemException.class)
          .hasMessage(key + ": the private key is encrypted; decrypt it first, e.g. openssl pkey -in " + key
              + " -out key.pem")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void keyOfAnotherCertificateIsRefused() throws Exception {
    TestKeys.Pair other = TestKeys.generate(Files.createTempDirectory(dir, "o"), "EC");
    Path cert = TestKeys.writeCert(dir.resolve("ec.crt"), ec.cert());
    Path key = TestKeys.writePkcs8(dir.resolve("other.key"), other.key());
    assertThatThrownBy(() -> PemTls.serverContext(cert, key)).isInstanceOf(PemException.class)
        .hasMessage(key + ": the private key does not match the certificate CN=localhost");
  }

  @Test
  void missingAndEmptyFilesNameTheFile() throws Exception {
    Path cert = TestKeys.writeCert(dir.resolve("rsa.crt"), rsa.cert());
    Path missing = dir.resolve("nope.key");
    Path empty = write("empty.pem", "");
    assertThatThrownBy(() -> PemTls.serverContext(cert, missing)).hasMessage("cannot read " + missing
        + ": no such file");
    assertThatThrownBy(() -> PemTls.serverContext(empty, empty)).hasMessageStartingWith(empty
        + " holds no CERTIFICATE block");
    assertThatThrownBy(() -> PemTls.serverContext(cert, cert)).hasMessageStartingWith(cert
        + " holds no private key");
  }

  @Test
  void rsaKeyForAnEcCertificateIsRefused() throws Exception {
    Path cert = TestKeys.writeCert(dir.resolve("ec.crt"), ec.cert());
    Path key = TestKeys.writePkcs8(dir.resolve("rsa8.key"), rsa.key());
    assertThatThrownBy(() -> PemTls.serverContext(cert, key)).isInstanceOf(PemException.class)
        .hasMessageStartingWith(key + ": the private key is not a valid EC key for the certificate");
  }

  @Test
  void opensslWrittenKeysLoadInEveryForm() throws Exception {
    assumeTrue(onPath("openssl"), "openssl is not installed");
    Path d = Files.createTempDirectory(dir, "openssl");
    openssl(d, "genrsa", "-traditional", "-out", "rsa1.key", "2048");
    openssl(d, "req", "-x509", "-key", "rsa1.key", "-out", "rsa.crt", "-subj", "/CN=localhost", "-days", "1");
    openssl(d, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec1.key");
    openssl(d, "req", "-x509", "-key", "ec1.key", "-out", "ec.crt", "-subj", "/CN=localhost", "-days", "1");
    openssl(d, "pkcs8", "-topk8", "-nocrypt", "-in", "ec1.key", "-out", "ec8.key");
    openssl(d, "rsa", "-in", "rsa1.key", "-aes256", "-traditional", "-passout", "pass:x", "-out", "rsa-enc.key");
    assertThat(Files.readString(d.resolve("rsa1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(d.resolve("ec1.key"))).startsWith("-----BEGIN EC PARAMETERS-----");
    X509Certificate rsaCert = PemTls.certificates(d.resolve("rsa.crt"))[0];
    X509Certificate ecCert = PemTls.certificates(d.resolve("ec.crt"))[0];
    assertHandshakePresents(PemTls.serverContext(d.resolve("rsa.crt"), d.resolve("rsa1.key")), rsaCert);
    assertHandshakePresents(PemTls.serverContext(d.resolve("ec.crt"), d.resolve("ec1.key")), ecCert);
    assertHandshakePresents(PemTls.serverContext(d.resolve("ec.crt"), d.resolve("ec8.key")), ecCert);
    assertThatThrownBy(() -> PemTls.serverContext(d.resolve("rsa.crt"), d.resolve("rsa-enc.key")))
        .hasMessageContaining("the private key is encrypted");
  }

  /** Runs one real handshake on loopback against {@code server} and checks the certificate the client saw. */
  static void assertHandshakePresents(SSLContext server, X509Certificate expected) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", expected);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(10_000);
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try (SSLSocket s = (SSLSocket) listener.accept(); OutputStream out = s.getOutputStream()) {
          s.setSoTimeout(10_000);
          out.write('k');
          out.flush();
          s.getInputStream().read();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        assertThat(in.read()).isEqualTo('k');
        assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(expected);
        s.getOutputStream().write('x');
      }
      served.get(10, TimeUnit.SECONDS);
    }
  }

  private static Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
  }

  /** The key inside a PKCS#8 PrivateKeyInfo (its OCTET STRING): PKCS#1 for RSA, SEC1 for EC. */
  static byte[] innerKey(byte[] pkcs8) {
    Der.Element info = Der.read(pkcs8, 0, pkcs8.length);
    return Der.children(info).get(2).content();
  }

  private static byte[] curveOid(byte[] pkcs8) {
    Der.Element algorithm = Der.children(Der.read(pkcs8, 0, pkcs8.length)).get(1);
    return Der.children(algorithm).get(1).encoded();
  }

  /** SEC1 as OpenSSL writes it: version, key, and the curve in {@code [0]}. */
  private static byte[] sec1WithCurve(byte[] pkcs8) {
    byte[] inner = innerKey(pkcs8);
    List<Der.Element> fields = Der.children(Der.read(inner, 0, inner.length));
    return Der.encode(Der.SEQUENCE, fields.get(0).encoded(), fields.get(1).encoded(),
        Der.encode(Der.CONTEXT_0, curveOid(pkcs8)));
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void openssl(Path d, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), out).isZero();
  }
}
