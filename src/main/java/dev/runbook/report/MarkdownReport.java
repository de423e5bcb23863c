package dev.runbook.report;

import dev.runbook.report.picture.Pictures;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Renders a {@link CompletionReport} as Markdown laid out like the guide's own results tables, with the
 * guide's Korean headings next to the English ones; a missing value reads "not measured (why)".
 */
public final class MarkdownReport {
    private final StringBuilder md = new StringBuilder();

    private MarkdownReport() {
    }

    public static String render(CompletionReport r) {
        return render(r, Set.of());
    }

    /** The report with image links to the pictures written beside it ({@code timeline.svg}, ...). */
    public static String render(CompletionReport r, Set<String> pictures) {
        MarkdownReport m = new MarkdownReport();
        m.pictures = pictures;
        return m.write(r).md.toString();
    }

    private Set<String> pictures = Set.of();

    private void picture(String file, String alt) {
        if (pictures.contains(file)) {
            line("");
            line("![" + alt + "](" + file + ")");
        }
    }

    private MarkdownReport write(CompletionReport r) {
        CompletionReport.Header h = r.header();
        line("# Completion report · 마이그레이션 결과 — " + h.title());
        line("");
        if (h.rehearsal()) {
            line("> **REHEARSAL** — a run against the built-in simulation. Nothing in AWS was changed.");
            line("");
        }
        table(List.of("", ""), List.of(
                List.of("run", h.runId()), List.of("environment · 환경", h.environment()),
                List.of("replication group", h.replicationGroup()), List.of("mode", h.mode()),
                List.of("operator (OS user)", h.osUser()), List.of("AWS identity", h.awsIdentity()),
                List.of("AWS region", h.awsRegion()),
                List.of("started", String.valueOf(h.started())), List.of("ended", String.valueOf(h.ended())),
                List.of("total time", h.total()), List.of("result", h.result())));
        picture(Pictures.TIMELINE, "Timeline · 타임라인");
        if (r.preflight() != null) {
            heading("Pre-flight · 사전 점검 (dry run)");
            PreflightSection.markdown(r.preflight(), this::line);
        }
        if (r.sinceDryRun() != null) {
            heading("Since the dry run · 드라이런 이후 변경");
            SinceDryRunSection.markdown(r.sinceDryRun(), this::line);
        }
        if (!r.budget().isEmpty()) {
            heading("Time budget · 시간 예산 (before the point of no return)");
            r.budget().forEach(b -> line("- " + b));
        }
        if (r.shows(CompletionReport.ENGINE_CHANGE)) {
            heading("Engine and version · 엔진 버전 (before → after)");
            table(List.of("member", "before · 이전", "after · 이후"), r.engine().stream()
                    .map(e -> List.of(e.member(), e.before().text(), e.after().text())).toList());
        }
        heading("Steps · 단계");
        table(List.of("step", "outcome", "time", "confirmation", "confirmed by", "summary"), r.steps().stream()
                .map(s -> List.of(s.step() + (s.mutates() ? " (mutates)" : ""), s.outcome()
                        + (s.attempts() > 1 ? " (" + s.attempts() + " attempts)" : ""), s.took(), s.confirmation(),
                        s.confirmedBy(), s.summary())).toList());
        if (r.shows(CompletionReport.ENGINE_CHANGE)) {
            engineChange(r);
        }
        if (r.shows(CompletionReport.CLOUDWATCH)) {
            cloudwatch(r);
        }
        if (r.shows(CompletionReport.BENCHMARK)) {
            benchmark(r);
        }
        if (r.shows(CompletionReport.INTEGRITY)) {
            heading("Data integrity · 데이터 무결성");
            CompletionReport.Integrity in = r.integrity();
            table(List.of("result", "missing keys", "changed keys"),
                    List.of(List.of(in.result().text(), in.missing().text(), in.changed().text())));
        }
        if (r.shows(CompletionReport.TERRAFORM)) {
            heading("Terraform code · Terraform 코드");
            line("- " + r.terraformCode().text());
        }
        if (r.shows(CompletionReport.ENGINE_CHANGE)) {
            cost(r);
        }
        if (r.shows(CompletionReport.LEFTOVERS)) {
            leftovers(r.leftovers());
        }
        heading("Warnings and deviations · 경고 및 편차");
        if (r.warnings().isEmpty()) {
            line("none");
        }
        r.warnings().forEach(w -> line("- " + w));
        return this;
    }

    /** The clean-up's leftovers, what they cost a month, what went, and what exists before and after. */
    private void leftovers(CompletionReport.Leftovers l) {
        heading("Leftovers · 정리 대상 (monthly cost · 월 비용)");
        table(List.of("leftover", "what", "monthly cost · 월 비용"), List.of(
                List.of("rollback group", l.group().text(), l.groupCost().text()),
                List.of("pre-migration snapshots", l.snapshots().text(), l.snapshotsCost().text()),
                List.of("in all", "", l.totalCost().text())));
        line("");
        line("**Deleted · 삭제됨:** " + l.deleted().text());
        line("");
        line("**Gone otherwise · 그 외 삭제:** " + l.goneOtherwise().text()
                + ("none".equals(l.goneOtherwise().value()) ? " — nothing else was deleted" : ""));
        line("");
        line("**Before · 이전:** " + l.before().text());
        line("");
        line("**After · 이후:** " + l.after().text());
    }

    private void engineChange(CompletionReport r) {
        heading("Snapshot and rollback · 롤백 계획");
        line("Manual snapshot taken before the change: **" + r.rollback().snapshotName().text() + "**");
        line("");
        int i = 0;
        for (String step : r.rollback().instructions()) {
            line(++i + ". " + step);
        }
        heading("Downtime · 다운타임");
        CompletionReport.Downtime d = r.downtime();
        table(List.of("measure", "measured · 측정값", "guide · 가이드"), List.of(
                List.of("total downtime", d.total().text(), d.guide()),
                List.of("longest outage", d.longestOutage().text(), ""),
                List.of("outages", d.outages().text(), ""),
                List.of("upgrade took (AWS)", d.upgradeTime().text(), ""),
                List.of("verdict", d.verdict(), "")));
        if (!d.unmeasured().isEmpty()) {
            line("");
            line("**Not measured · 측정 공백:** " + d.unmeasured());
        }
    }

    private void cloudwatch(CompletionReport r) {
        heading("CloudWatch · 모니터링 (average before → after)");
        table(List.of("metric", "before", "after"), r.cloudwatch().stream()
                .map(m -> List.of(m.metric(), m.before().text(), m.after().text())).toList());
        CompletionReport.Health health = r.health();
        if (health != null && !health.breaches().isEmpty()) {
            line("");
            line("**Breach · 임계값 초과:** " + String.join("; ", health.breaches())
                    + (health.rule().isEmpty() ? "" : " (" + health.rule() + ")"));
        }
        if (health != null && !health.latency().isEmpty()) {
            line("");
            line("**Probe latency · 지연 시간 (PING):** " + String.join("; ", health.latency()));
        }
        picture(Pictures.CLOUDWATCH, "CloudWatch · 모니터링");
    }

    private void benchmark(CompletionReport r) {
        heading("Benchmark · 성능 테스트 (requests/s)");
        if (r.benchmark().stream().noneMatch(b -> b.before().present() || b.after().present())) {
            // nothing measured: say why once instead of in every cell of every test
            r.benchmark().stream().flatMap(b -> Stream.of(b.before().text(), b.after().text()))
                    .distinct().forEach(why -> line("- " + why));
        } else {
            table(List.of("test", "before · 이전", "after · 이후", "ratio", "against the guide's \"up to 2x\""),
                    r.benchmark().stream().map(b -> List.of(b.test(), b.before().text(), b.after().text(),
                            b.ratio().present() ? b.ratio().value() + "x" : b.ratio().text(), b.verdict())).toList());
        }
        picture(Pictures.BENCHMARK, "Benchmark · 성능 테스트");
    }

    private void cost(CompletionReport r) {
        heading("Monthly cost · 비용");
        CompletionReport.Cost c = r.cost();
        table(List.of("before · 이전", "after · 이후", "difference", "guide · 가이드"),
                List.of(List.of(c.before().text(), c.after().text(), c.verdict(), c.guide())));
        if (!c.priceSource().isEmpty()) {
            line("");
            line("Prices: " + c.priceSource() + ". Valkey nodes cost 20% less than Redis OSS nodes; the guide says \"same\".");
        }
    }

    private void heading(String title) {
        line("");
        line("## " + title);
        line("");
    }

    private void table(List<String> head, List<List<String>> rows) {
        line("| " + String.join(" | ", head) + " |");
        line("|" + "---|".repeat(head.size()));
        rows.forEach(r -> line("| " + String.join(" | ", r.stream().map(MarkdownReport::cell).toList()) + " |"));
    }

    private static String cell(String s) {
        return s == null ? "-" : s.replace("|", "\\|").replace("\n", " ");
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

}
