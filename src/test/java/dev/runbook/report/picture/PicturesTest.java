package dev.runbook.report.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.cli.CliResult;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The report's pictures from real rehearsals: the timeline is well-formed SVG with one bar per attempt that
 * ran, the drill and the point of no return marked; the CloudWatch charts carry the thresholds; report.html
 * holds the report and its pictures and references nothing outside itself; report.md links the pictures.
 */
class PicturesTest {
    @TempDir
    Path runs;

    private Path rehearse(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("rehearse", "--env", "dev", "--non-interactive",
                "--speed", "1000", "--runs-dir", runs.toString()));
        args.addAll(List.of(extra));
        CliResult r = CliResult.run(args.toArray(String[]::new));
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow(() -> new AssertionError(r.out() + r.err()));
        }
    }

    static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(file))));
    }

    /** Tooltips of the bars: "<step>: <outcome>, ..." on each rect of a step. */
    private static List<String> barTitles(Document svg) {
        List<String> titles = new java.util.ArrayList<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            NodeList t = ((Element) rects.item(i)).getElementsByTagName("title");
            if (t.getLength() == 1 && t.item(0).getTextContent().matches("[a-z-]+/[a-z0-9-]+: .*")) {
                titles.add(t.item(0).getTextContent());
            }
        }
        return titles;
    }

    @Test
    void theTimelineHasOneBarPerAttemptThatRanAndMarksThePointOfNoReturn() throws Exception {
        Path dir = rehearse();
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        long attempts = events.stream().filter(e -> e.step() != null
                && List.of("succeeded", "failed", "skipped", "would-run").contains(e.event())).count();

        Document svg = xml(dir.resolve("timeline.svg"));
        List<String> bars = barTitles(svg);

        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals(attempts, bars.size(), bars.toString());
        assertTrue(bars.stream().anyMatch(b -> b.startsWith("migrate/manual-snapshot: done")), bars.toString());
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("point of no return"), text);
        assertTrue(text.contains("타임라인"), text);
        assertTrue(bars.stream().allMatch(b -> b.contains(" UTC, ")), bars.toString());
    }

    @Test
    void aDrillIsMarkedOnTheTimeline() throws Exception {
        Path dir = rehearse("--inject", "upgrade-fails");

        String text = xml(dir.resolve("timeline.svg")).getDocumentElement().getTextContent();

        assertTrue(text.contains("drill: upgrade-fails"), text);
        assertTrue(text.contains("rollback started"), text);
    }

    @Test
    void theCloudWatchChartsDrawEachMetricWithItsThreshold() throws Exception {
        Path dir = rehearse();

        String text = xml(dir.resolve("cloudwatch.svg")).getDocumentElement().getTextContent();

        assertTrue(text.contains("CPUUtilization") && text.contains("threshold 80.0"), text);
        assertTrue(text.contains("change"), text);
        assertTrue(text.contains("node 001") && text.contains("goorm-popcorn-cache-dev-001"), text);
    }

    @Test
    void theHtmlReportHoldsEverythingAndReferencesNothingOutsideItself() throws Exception {
        Path dir = rehearse();
        String html = Files.readString(dir.resolve("report.html"));
        String md = Files.readString(dir.resolve("report.md"));

        assertTrue(md.contains("![Timeline · 타임라인](timeline.svg)"), md);
        assertTrue(md.contains("(cloudwatch.svg)"), md);
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no stylesheet fetched");
        Matcher refs = Pattern.compile("(?i)\\b(src|href)\\s*=|url\\(").matcher(html);
        assertFalse(refs.find(), () -> "references something: " + html.substring(refs.start(), refs.start() + 60));
        assertTrue(html.contains("<svg"), "pictures inline");
        assertFalse(html.contains("<img"), "no image fetched");
        for (String heading : List.of("마이그레이션 결과", "엔진 버전", "다운타임", "데이터 무결성", "비용")) {
            assertTrue(html.contains(heading), heading);
        }
        for (JournalEvent e : Journal.read(dir.resolve(Journal.FILE)).events()) {
            if (e.step() != null) {
                assertTrue(html.contains(e.step()), e.step() + " missing from the HTML");
            }
        }
    }

    @Test
    void reportRebuildsEveryPictureFromTheJournal() throws Exception {
        Path dir = rehearse();
        String timeline = Files.readString(dir.resolve("timeline.svg"));
        for (String f : List.of("timeline.svg", "cloudwatch.svg", "report.html")) {
            Files.delete(dir.resolve(f));
        }

        CliResult r = CliResult.run("report", dir.getFileName().toString(), "--runs-dir", runs.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals(timeline, Files.readString(dir.resolve("timeline.svg")));
        assertTrue(Files.isRegularFile(dir.resolve("cloudwatch.svg")) && Files.isRegularFile(dir.resolve("report.html")));
    }

    @Test
    void theBenchmarkChartHasABarBeforeAndAfterPerTestAndSaysWhatWasNotMeasured() throws Exception {
        String svg = Charts.benchmark(List.of(
                new dev.runbook.report.CompletionReport.BenchmarkRow("GET",
                        dev.runbook.report.CompletionReport.Measured.of("100000.0"),
                        dev.runbook.report.CompletionReport.Measured.of("150000.0"),
                        dev.runbook.report.CompletionReport.Measured.of("1.50"), "below the guide's 2x"),
                new dev.runbook.report.CompletionReport.BenchmarkRow("PING",
                        dev.runbook.report.CompletionReport.Measured.of("90000"),
                        dev.runbook.report.CompletionReport.Measured.missing("the step failed"),
                        dev.runbook.report.CompletionReport.Measured.missing("no after"), "-")), "Benchmark");
        Path file = runs.resolve("b.svg");
        Files.writeString(file, svg);

        String text = xml(file).getDocumentElement().getTextContent();

        assertTrue(text.contains("before 100,000 req/s") && text.contains("after 150,000 req/s"), text);
        assertTrue(text.contains("1.50x") && text.contains("after: not measured"), text);
        assertEquals(null, Charts.benchmark(List.of(new dev.runbook.report.CompletionReport.BenchmarkRow("GET",
                dev.runbook.report.CompletionReport.Measured.missing("skipped"),
                dev.runbook.report.CompletionReport.Measured.missing("skipped"),
                dev.runbook.report.CompletionReport.Measured.missing("skipped"), "-")), "Benchmark"));
    }

    @Test
    void textThatLooksLikeHtmlIsShownNotInterpreted() {
        String html = HtmlReport.render("t", "| a |\n|---|\n| <script>alert(1)</script> |\n", java.util.Map.of());

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }
}
