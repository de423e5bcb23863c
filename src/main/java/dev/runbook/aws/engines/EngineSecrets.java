package dev.runbook.aws.engines;

import dev.runbook.action.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The AUTH token the environment's data plane names, applied to the engines the rehearsal starts, so the
 * operator rehearses the client path prod uses. The token goes into an owner-only config file each engine reads
 * at start (requirepass, and masterauth for a replica), never onto a command line.
 */
record EngineSecrets(Optional<String> token) {
    static final EngineSecrets NONE = new EngineSecrets(Optional.empty());

    Path writeConfig(Path file, boolean replica) throws IOException {
        StringBuilder conf = new StringBuilder("# written by the rehearsal; removed with the run folder\n");
        token.ifPresent(t -> {
            conf.append("requirepass ").append(quoted(t)).append('\n');
            if (replica) {
                conf.append("masterauth ").append(quoted(t)).append('\n');
            }
        });
        return RunFiles.write(file, conf.toString());
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** AUTH (when there is a token) then PING, as RESP. */
    byte[] pingCommand() {
        StringBuilder resp = new StringBuilder();
        token.ifPresent(t -> resp.append(resp(t.getBytes(StandardCharsets.UTF_8))));
        resp.append("*1\r\n$4\r\nPING\r\n");
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String resp(byte[] token) {
        return "*2\r\n$4\r\nAUTH\r\n$" + token.length + "\r\n" + new String(token, StandardCharsets.UTF_8) + "\r\n";
    }
}
