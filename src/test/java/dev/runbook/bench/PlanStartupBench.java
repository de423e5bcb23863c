package dev.runbook.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall time of {@code plan --env dev} (start-up, settings, runbook, every preview; no AWS client) through the
 * launcher and through plain {@code java -jar}, next to the JVM hello-world floor, interleaved round by round
 * so load hits all three alike; medians of N (default 9) after one warm-up round. Run after {@code mvn package}:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.PlanStartupBench}.
 */
public final class PlanStartupBench {
    private PlanStartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Launch.requireBuild();
        List<List<String>> commands = List.of(Launch.floor(), Launch.jar("plan", "--env", "dev"),
                Launch.launcher("plan", "--env", "dev"));
        List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round <= runs; round++) {
            for (int i = 0; i < commands.size(); i++) {
                double[] t = time(commands.get(i));
                if (round > 0) {
                    wall.get(i).add(t[0]);
                    cpu.get(i).add(t[1]);
                }
            }
        }
        String[] names = {"JVM hello world (floor)", "plan --env dev, java -jar", "plan --env dev, launcher"};
        double floorWall = Launch.median(wall.get(0));
        double floorCpu = Launch.median(cpu.get(0));
        for (int i = 0; i < names.length; i++) {
            System.out.println("wall " + Launch.row(names[i], wall.get(i), floorWall));
        }
        // CPU time (user + system) moves far less than wall time when other work shares the cores
        for (int i = 0; i < names.length; i++) {
            System.out.println("cpu  " + Launch.row(names[i], cpu.get(i), floorCpu));
        }
    }

    /** Wall and CPU (user + system, from /usr/bin/time) milliseconds of one run. */
    private static double[] time(List<String> command) throws Exception {
        File cpuFile = File.createTempFile("bench-cpu", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpuFile.getPath()));
        timed.addAll(command);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                .redirectErrorStream(true).start();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e6;
        if (code != 0) {
            throw new IllegalStateException(command + " exited " + code);
        }
        String[] us = java.nio.file.Files.readString(cpuFile.toPath()).trim().split("\\s+");
        cpuFile.delete();
        return new double[] {wall, (Double.parseDouble(us[0]) + Double.parseDouble(us[1])) * 1000};
    }
}
