package dev.runbook.run;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;

/**
 * The exact command that continues a run that stopped before its end (quit, Ctrl-C, a signal): the same jar,
 * the run's id and its runs folder, and the settings and runbook files when they are not the defaults, so an
 * operator can paste it as it is.
 */
public final class ResumeHint {
    private ResumeHint() {
    }

    /** "resume: java -jar /opt/valkey-runbook.jar resume 20261201-101500-dev --runs-dir /home/alice/runs". */
    public static String line(Run run) {
        StringBuilder b = new StringBuilder("resume: ").append(program()).append(" resume ").append(run.info().id())
                .append(" --runs-dir ").append(quote(run.dir().toAbsolutePath().getParent().toString()));
        Path settings = run.settings().file();
        // a resumed run reads the run folder's recorded copies, which resume uses anyway: naming them is noise
        if (settings != null && !settings.normalize().equals(Path.of("application.conf")) && !recorded(run, settings)) {
            b.append(" --config ").append(quote(settings.toAbsolutePath().normalize().toString()));
        }
        Path runbook = run.runbook().file() == null ? null : Path.of(run.runbook().file());
        if (runbook != null && !runbook.normalize().equals(Path.of("runbooks", "valkey-migration.conf"))
                && !recorded(run, runbook)) {
            b.append(" --runbook ").append(quote(runbook.toAbsolutePath().normalize().toString()));
        }
        return b.toString();
    }

    private static boolean recorded(Run run, Path file) {
        return file.toAbsolutePath().normalize().getParent().equals(run.dir().toAbsolutePath().normalize());
    }

    /** Set by target/valkey-runbook: the command the operator started, which resume should be started with too. */
    static final String LAUNCHER_PROPERTY = "valkey-runbook.launcher";

    private static String program() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            return quote(launcher);
        }
        try {
            Path where = Path.of(ResumeHint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (where.getFileName() != null && where.getFileName().toString().endsWith(".jar")) {
                return "java -jar " + quote(where.toString());
            }
        } catch (URISyntaxException | SecurityException | NullPointerException
                 | FileSystemNotFoundException e) {
            // fall through: name the tool
        }
        return "valkey-runbook";
    }

    /** Single quotes for a path a shell would split. */
    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
