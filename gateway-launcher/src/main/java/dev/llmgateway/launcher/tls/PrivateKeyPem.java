package dev.llmgateway.launcher.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * Reads the private key of a PEM file: PKCS#8 ({@code PRIVATE KEY}) as is, PKCS#1 ({@code RSA PRIVATE KEY}) and
 * SEC1 ({@code EC PRIVATE KEY}) after wrapping them into PKCS#8, which is all the JDK's key factories read.
 * Encrypted keys are refused with a hint, since a passphrase prompt has no place in a server's start-up.
 */
final class PrivateKeyPem {
  /** rsaEncryption, 1.2.840.113549.1.1.1. */
  private static final byte[] RSA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01,
      0x01, 0x01};
  /** id-ecPublicKey, 1.2.840.10045.2.1. */
  private static final byte[] EC_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
  private static final byte[] DER_NULL = {0x05, 0x00};
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private PrivateKeyPem() {}

  /** The one private key among {@code blocks}, decoded with the algorithm of the certificate it belongs to. */
  static PrivateKey read(List<PemBlock> blocks, String algorithm, String source) throws PemException {
    PemBlock key = null;
    for (PemBlock b : blocks) {
      if (b.label().endsWith("PRIVATE KEY")) {
        if (key != null) {
          throw new PemException(source + " holds more than one private key; keep only the certificate's key");
        }
        key = b;
      }
    }
    if (key == null) {
      throw new PemException(source + " holds no private key (expected a PRIVATE KEY, RSA PRIVATE KEY or "
          + "EC PRIVATE KEY block)");
    }
    if (key.label().equals("ENCRYPTED PRIVATE KEY") || key.encryptedHeader()) {
      throw new PemException(source + ": the private key is encrypted; decrypt it first, e.g. "
          + "openssl pkey -in " + source + " -out key.pem");
    }
    byte[] pkcs8 = switch (key.label()) {
      case "PRIVATE KEY" -> key.der();
      case "RSA PRIVATE KEY" -> wrap(RSA_OID, DER_NULL, key.der());
      case "EC PRIVATE KEY" -> wrap(EC_OID, curveOf(key.der(), source), key.der());
      default -> throw new PemException(source + ": unsupported key type '" + key.label() + "'");
    };
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PemException(source + ": the private key is not a valid " + algorithm
          + " key for the certificate (" + e.getMessage() + ")", e);
    }
  }

  /** PKCS#8 PrivateKeyInfo: version 0, the algorithm identifier, and the inner key as an OCTET STRING. */
  private static byte[] wrap(byte[] oid, byte[] parameters, byte[] innerKey) {
    return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, oid, parameters),
        Der.encode(Der.OCTET_STRING, innerKey));
  }

  /** The named-curve OID that SEC1's optional {@code [0] parameters} field carries (OpenSSL always writes it). */
  private static byte[] curveOf(byte[] sec1, String source) throws PemException {
    try {
      Der.Element key = Der.read(sec1, 0, sec1.length);
      for (Der.Element field : Der.children(key)) {
        if (field.tag() == Der.CONTEXT_0) {
          Der.Element curve = Der.read(field.source(), field.contentStart(), field.end());
          if (curve.tag() == Der.OID) {
            return curve.encoded();
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new PemException(source + ": the EC PRIVATE KEY block is not valid DER (" + e.getMessage() + ")");
    }
    throw new PemException(source + ": the EC PRIVATE KEY names no curve; convert it with "
        + "openssl pkcs8 -topk8 -nocrypt -in " + source);
  }
}
