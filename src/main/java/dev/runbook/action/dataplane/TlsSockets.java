package dev.runbook.action.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS sockets the data plane connects with: trusting the CA certificates of the PEM file the settings
 * name ({@code data-plane.ca-file}, {@code check-endpoint --ca-file}), else the JVM's default trust store; the
 * certificate must name the host (HTTPS-style hostname check, as ElastiCache's {@code *.cache.amazonaws.com}
 * certificates do). The handshake runs as soon as the socket is made, inside the connect and under its
 * timeout, so an untrusted certificate or a port that does not speak TLS fails there with a clear reason
 * instead of at the first command.
 */
public final class TlsSockets {
    private TlsSockets() {
    }

    /** A factory trusting {@code caFile}'s certificates, or the default trust store when empty. */
    public static SSLSocketFactory factory(Optional<Path> caFile, String setting) {
        SSLSocketFactory base = caFile.map(f -> trusting(f, setting)).orElseGet(
                () -> (SSLSocketFactory) SSLSocketFactory.getDefault());
        return new HandshakingFactory(base);
    }

    private static SSLSocketFactory trusting(Path file, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new CacheException("The CA file " + file + " holds no certificate: " + setting
                        + " must name a PEM file of the CA certificates that sign the cache's certificate.");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new CacheException("Cannot read the CA file " + file + " (" + e.getClass().getSimpleName()
                    + "): check the path in " + setting + " and its permissions.", e);
        } catch (GeneralSecurityException e) {
            throw new CacheException("The CA file " + file + " is not PEM certificates (" + e.getMessage() + "): "
                    + setting + " must name a PEM file of CA certificates.", e);
        }
    }

    /** Wraps a factory: hostname check on, handshake at creation (bounded by the socket's read timeout). */
    private static final class HandshakingFactory extends SSLSocketFactory {
        private final SSLSocketFactory base;

        HandshakingFactory(SSLSocketFactory base) {
            this.base = base;
        }

        private Socket handshake(Socket s) throws IOException {
            SSLSocket ssl = (SSLSocket) s;
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            try {
                ssl.startHandshake();
            } catch (IOException e) {
                ssl.close();
                throw e;
            }
            return ssl;
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return handshake(base.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return handshake(base.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return handshake(base.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return handshake(base.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            return handshake(base.createSocket(address, port, local, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return base.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return base.getSupportedCipherSuites();
        }
    }
}
