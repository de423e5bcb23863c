package dev.runbook.action.terraform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Terraform's output as a step sees it: every line goes on to the operator's log, and the first
 * {@code Error:} line (or else the last line) is kept for the outcome's one-sentence summary.
 */
final class TerraformOutput implements Consumer<String> {
    private static final int KEEP = 20;
    private final Consumer<String> log;
    private final Deque<String> last = new ArrayDeque<>();
    private String firstError;

    TerraformOutput(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public synchronized void accept(String line) {
        log.accept(line);
        if (firstError == null && line.trim().startsWith("Error:")) {
            firstError = line.trim();
        }
        if (!line.isBlank()) {
            if (last.size() == KEEP) {
                last.removeFirst();
            }
            last.addLast(line.trim());
        }
    }

    /** The first "Error: ..." line, else the last line printed, else "no output". */
    synchronized String error() {
        return firstError != null ? firstError : last.isEmpty() ? "no output" : last.getLast();
    }

    static String errorOf(List<String> lines) {
        TerraformOutput output = new TerraformOutput(line -> { });
        lines.forEach(output);
        return output.error();
    }
}
