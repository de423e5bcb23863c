package dev.runbook.aws.engines;

import dev.runbook.action.dataplane.TlsSockets;
import dev.runbook.action.RunFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * The rehearsal's throwaway certificate authority and the server certificate it signed for {@code 127.0.0.1} and
 * {@code localhost}, in {@code runs/<run-id>/engines/tls/} (owner-only). Made with {@code openssl}, as Redis's
 * and Valkey's own {@code utils/gen-test-certs.sh} do: EC P-256 keys, written by openssl straight into the
 * owner-only folder, never on a command line; the CA's key is deleted once it signed the server certificate, so
 * the throwaway CA can vouch for nothing else. The engines listen TLS-only with it (replication too), and every
 * client of the rehearsal trusts only this CA: the operator rehearses prod's TLS client path. A resumed run reuses
 * the files its first start made.
 */
final class EngineTls {
    static final String DIR = "tls";
    private static final int DAYS = 7;

    private final Path caCert;
    private final Path serverCert;
    private final Path serverKey;
    private final SSLSocketFactory sockets;

    private EngineTls(Path dir) {
        this.caCert = dir.resolve("ca.crt");
        this.serverCert = dir.resolve("server.crt");
        this.serverKey = dir.resolve("server.key");
        this.sockets = TlsSockets.factory(Optional.of(caCert), "the rehearsal's CA " + caCert);
    }

    /** The certificates in {@code enginesDir/tls}, made there first when they are not there yet. */
    static EngineTls prepare(Path enginesDir, Path openssl) {
        Path dir = enginesDir.resolve(DIR);
        try {
            RunFiles.createOwnerOnlyDirectories(dir);
            if (!Files.exists(dir.resolve("server.crt")) || !Files.exists(dir.resolve("server.key"))
                    || !Files.exists(dir.resolve("ca.crt"))) {
                make(dir, openssl);
            }
            return new EngineTls(dir);
        } catch (IOException e) {
            throw new EngineException("Cannot make the rehearsal's TLS certificates in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private static void make(Path dir, Path openssl) throws IOException {
        Path caKey = dir.resolve("ca.key");
        // openssl keeps an existing file's mode: the keys are owner-only from their first byte
        RunFiles.createOwnerOnly(caKey);
        RunFiles.createOwnerOnly(dir.resolve("server.key"));
        Path ext = RunFiles.write(dir.resolve("server.ext"), "subjectAltName = IP:127.0.0.1, DNS:localhost\n"
                + "keyUsage = critical, digitalSignature, keyEncipherment\n"
                // the same certificate is the replica's client certificate towards its primary (tls-replication)
                + "extendedKeyUsage = serverAuth, clientAuth\n");
        run(dir, openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", "ca.crt", "-days", String.valueOf(DAYS),
                "-subj", "/O=valkey-runbook rehearsal/CN=throwaway rehearsal CA");
        run(dir, openssl, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/O=valkey-runbook rehearsal/CN=localhost");
        run(dir, openssl, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", "server.crt", "-days", String.valueOf(DAYS), "-extfile", ext.toString());
        Files.delete(caKey);
        for (String f : List.of("server.csr", "server.ext", "ca.srl", "openssl.log")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        for (String f : List.of("ca.crt", "server.crt", "server.key")) {
            RunFiles.restrict(dir.resolve(f));
        }
    }

    /** One openssl command in {@code dir}; its output (no key material: keys go to files) only in a failure. */
    private static void run(Path dir, Path openssl, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(openssl.toString()));
        cmd.addAll(List.of(args));
        Path log = RunFiles.createOwnerOnly(dir.resolve("openssl.log"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("openssl " + args[0] + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the certificates", e);
        }
        if (p.exitValue() != 0) {
            List<String> out = Files.readAllLines(log);
            throw new IOException("openssl " + args[0] + " failed: " + (out.isEmpty() ? "exit " + p.exitValue()
                    : out.get(out.size() - 1)));
        }
    }

    /** The engine config lines: TLS-only on the engine's port (set on its command line), replication over TLS. */
    String configLines() {
        return "tls-cert-file " + quoted(serverCert) + "\ntls-key-file " + quoted(serverKey) + "\ntls-ca-cert-file "
                + quoted(caCert) + "\n"
                // like ElastiCache: clients authenticate with AUTH, not with certificates
                + "tls-auth-clients no\ntls-replication yes\n";
    }

    private static String quoted(Path p) {
        return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    Path caCert() {
        return caCert;
    }

    /** Sockets that trust only the throwaway CA and check that the certificate names the host. */
    SSLSocketFactory sockets() {
        return sockets;
    }

    /** A connected TLS socket to the engine on {@code port}, handshake done, bounded by {@code millis}. */
    Socket connect(int port, int millis) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress("127.0.0.1", port), millis);
            plain.setSoTimeout(millis);
            return sockets.createSocket(plain, "127.0.0.1", port, true);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /** "the throwaway CA runs/…/ca.crt (SHA-256 AB:CD:…)", for the report. */
    String describe() {
        return "the rehearsal's throwaway CA " + caCert + " (SHA-256 " + fingerprint() + ")";
    }

    private String fingerprint() {
        try (InputStream in = Files.newInputStream(caCert)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (IOException | GeneralSecurityException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
