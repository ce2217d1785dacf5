package dev.carecall.console.config;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The TLS trust of the console's REST client and WebSocket: the Java runtime's usual CAs plus, when
 * {@code tls.caCertificate} names a PEM file, the clinic's own CA. Adding (not replacing) keeps public certificates
 * working when a clinic moves its server to one.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** An SSL context trusting the default CAs and the certificates in {@code caPem}, if given. */
    public static SSLContext sslContext(Optional<Path> caPem) {
        try {
            X509TrustManager system = trustManager(null);
            X509TrustManager clinic = caPem.isPresent() ? trustManager(keyStore(caPem.get())) : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{clinic == null ? system : new EitherTrustManager(clinic, system)},
                    null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot use the CA certificate " + caPem.orElse(null)
                    + " (tls.caCertificate): " + e.getMessage(), e);
        }
    }

    private static KeyStore keyStore(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("clinic-ca-" + index++, certificate);
        }
        return store;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a chain when either manager does; host names are still checked by the HTTP and WebSocket clients. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkClientTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.of(first.getAcceptedIssuers(), second.getAcceptedIssuers()).flatMap(Stream::of)
                    .toArray(X509Certificate[]::new);
        }
    }
}
