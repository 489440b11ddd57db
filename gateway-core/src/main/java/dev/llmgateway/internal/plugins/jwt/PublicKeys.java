package dev.llmgateway.internal.plugins.jwt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the public keys OpenSSL reads for Kong: PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) of RSA, EC or
 * Ed25519 keys, PEM {@code RSA PUBLIC KEY} (PKCS#1), or the same as DER bytes.
 */
final class PublicKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** The SubjectPublicKeyInfo algorithm identifier of rsaEncryption with NULL parameters. */
  private static final byte[] RSA_ALGORITHM_ID = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private PublicKeys() {}

  /** The key in {@code material} (PEM text or DER bytes), or null when it is not a public key. */
  static PublicKey parse(byte[] material) {
    if (material == null) {
      return null;
    }
    Matcher pem = PEM.matcher(new String(material, StandardCharsets.ISO_8859_1));
    byte[] der = material;
    boolean pkcs1 = false;
    if (pem.find()) {
      try {
        der = Base64.getMimeDecoder().decode(pem.group(2).replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (pem.group(1).equals("RSA PUBLIC KEY")) {
        pkcs1 = true;
      } else if (!pem.group(1).equals("PUBLIC KEY")) {
        return null;
      }
    }
    if (pkcs1) {
      return decode(wrapPkcs1(der), "RSA");
    }
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      PublicKey key = decode(der, algorithm);
      if (key != null) {
        return key;
      }
    }
    return decode(wrapPkcs1(der), "RSA");
  }

  private static PublicKey decode(byte[] der, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (Exception notThisKind) {
      return null;
    }
  }

  /** A PKCS#1 RSAPublicKey wrapped into the SubjectPublicKeyInfo the JDK reads. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream bitString = new ByteArrayOutputStream();
    bitString.write(0);
    bitString.writeBytes(pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(RSA_ALGORITHM_ID);
    body.writeBytes(derItem(0x03, bitString.toByteArray()));
    return derItem(0x30, body.toByteArray());
  }

  private static byte[] derItem(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
