package dev.runbook.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wall time of {@code java -jar target/valkey-runbook.jar plan --env dev} (start-up, settings, runbook,
 * every preview; no AWS client), median of N runs after one warm-up. Run after {@code mvn package}:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.PlanStartupBench}.
 */
public final class PlanStartupBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String jar = System.getProperty("runbook.jar", "target/valkey-runbook.jar");
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("java", "-jar", jar, "plan", "--env", "dev")
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            int code = p.waitFor();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (code != 0) {
                throw new IllegalStateException("plan exited " + code);
            }
            if (i > 0) {
                millis.add(ms);
            }
        }
        Collections.sort(millis);
        System.out.printf("plan --env dev: median %.0f ms, min %.0f ms, max %.0f ms over %d runs%n",
                millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), runs);
    }
}
