package dev.runbook.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.runbook.cli.CliResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Exported documents for tests (through the real command and YAML), and the corrected JSON Schema. */
final class SsmDocs {
    private static final JsonSchema SCHEMA = schema();

    private SsmDocs() {
    }

    /** export-ssm --env ENV --out FILE, then the YAML read back. */
    static String exportYaml(Path dir, String env, String... more) {
        Path out = dir.resolve(env + ".yaml");
        List<String> args = new ArrayList<>(List.of("export-ssm", "--env", env, "--out", out.toString()));
        args.addAll(List.of(more));
        CliResult r = CliResult.run(args.toArray(String[]::new));
        if (r.code() != 0) {
            throw new AssertionError("export-ssm --env " + env + " exited " + r.code() + ": " + r.err());
        }
        try {
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> export(Path dir, String env, String... more) {
        try {
            return SsmYaml.read(exportYaml(dir, env, more));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> doc) {
        return (List<Map<String, Object>>) doc.get("mainSteps");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> step(Map<String, Object> doc, String name) {
        return steps(doc).stream().filter(s -> name.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> inputs(Map<String, Object> doc, String name) {
        return (Map<String, Object>) step(doc, name).get("inputs");
    }

    /** What the corrected schema says of a document (empty = valid). */
    static Set<ValidationMessage> schemaErrors(Map<String, Object> doc) {
        JsonNode node = new ObjectMapper(new YAMLFactory()).valueToTree(doc);
        return SCHEMA.validate(node);
    }

    private static JsonSchema schema() {
        try (InputStream in = SsmDocs.class.getResourceAsStream("/ssm/automation-schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
