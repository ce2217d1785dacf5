package dev.carecall.e2e.topology;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A certificate authority made by the test and a server certificate it signed for {@code 127.0.0.1} and
 * {@code localhost}, written as PEM files: what a clinic with its own CA has. Nobody trusts it by default, so every
 * client must be told: the console through {@code tls.caCertificate} ({@link #caFile()}), Chromium through the
 * server key's SPKI hash ({@link #chromiumTrustArgument()}), Java clients through {@link #sslContext()}.
 *
 * @param directory       where the files are
 * @param caCertificate   the CA's certificate
 * @param server          the server certificate it signed
 * @param caFile          the CA's certificate (PEM): what {@code tls.caCertificate} names
 * @param certificateFile the server certificate followed by the CA's (PEM): the backend's and coturn's {@code cert}
 * @param keyFile         the server's private key (PKCS#8 PEM)
 */
public record TestCa(Path directory, X509Certificate caCertificate, X509Certificate server, Path caFile,
                     Path certificateFile, Path keyFile) {

    /** Makes a new CA and server certificate under {@code directory}. */
    public static TestCa create(Path directory) {
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair serverKeys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=CareCall Test Clinic CA " + now.toEpochMilli());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), caName,
                    caKeys.getPublic());
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            caBuilder.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate ca = sign(caBuilder.build(signer(caKeys)));

            JcaX509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                    new X500Name("CN=localhost"), serverKeys.getPublic());
            serverBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            serverBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            serverBuilder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            serverBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            serverBuilder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(ca));
            X509Certificate server = sign(serverBuilder.build(signer(caKeys)));

            Path caFile = directory.resolve("clinic-ca.pem");
            Path certificateFile = directory.resolve("server-chain.pem");
            Path keyFile = directory.resolve("server-key.pem");
            Files.writeString(caFile, pem("CERTIFICATE", ca.getEncoded()));
            Files.writeString(certificateFile, pem("CERTIFICATE", server.getEncoded())
                    + pem("CERTIFICATE", ca.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
            return new TestCa(directory, ca, server, caFile, certificateFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    /** The CA's subject, as a check reports "which CA" it found. */
    public String caName() {
        return caCertificate.getSubjectX500Principal().getName();
    }

    /**
     * Chromium's flag that trusts exactly this server key (base64 SHA-256 of its SubjectPublicKeyInfo): no blanket
     * "ignore certificate errors". Chromium honours it only with {@code --user-data-dir}, which the tests' browsers
     * always have.
     */
    public String chromiumTrustArgument() {
        return "--ignore-certificate-errors-spki-list=" + spkiHash();
    }

    /** Base64 SHA-256 of the server key's SubjectPublicKeyInfo, as {@code BrowserOptions.trusting} takes it. */
    public String spkiHash() {
        try {
            byte[] spki = MessageDigest.getInstance("SHA-256").digest(server.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(spki);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context that trusts this CA only (for the test's own Java clients). */
    public SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("test-ca", caCertificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(System.nanoTime()).abs().add(BigInteger.ONE);
    }

    private static ContentSigner signer(KeyPair keys) throws org.bouncycastle.operator.OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
    }

    private static X509Certificate sign(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
