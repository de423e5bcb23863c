package dev.runbook.report.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.cli.CliResult;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: Debian's headless Chromium (installed by .ci/install-test-deps, with
 * fonts-noto-cjk for Hangul) renders it to a PNG without error, and the DOM it built holds every step's name
 * and the Korean headings.
 */
class ReportInBrowserTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out) {
    }

    private Result chromium(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not exit");
        return new Result(p.exitValue(), out);
    }

    @Test
    void chromiumRendersTheReportAndItsDomHoldsEveryStep() throws Exception {
        Path runs = tmp.resolve("runs");
        CliResult run = CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--speed", "1000",
                "--runs-dir", runs.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.findFirst().orElseThrow(() -> new AssertionError(run.out() + run.err()));
        }
        String page = dir.resolve("report.html").toUri().toString();
        Path png = tmp.resolve("report.png");

        Result shot = chromium("--screenshot=" + png, "--window-size=1280,2400", page);
        Result dom = chromium("--dump-dom", page);

        assertEquals(0, shot.code(), Files.readString(tmp.resolve("chromium.err")));
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 20_000 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G', "a PNG");
        assertEquals(0, dom.code());
        for (JournalEvent e : Journal.read(dir.resolve(Journal.FILE)).events()) {
            if (e.step() != null) {
                assertTrue(dom.out().contains(e.step()), e.step() + " not in the DOM");
            }
        }
        assertTrue(dom.out().contains("타임라인") && dom.out().contains("point of no return"), dom.out());
    }
}
