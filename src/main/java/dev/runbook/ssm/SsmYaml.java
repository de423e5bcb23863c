package dev.runbook.ssm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes and reads Automation documents as YAML through Jackson: block style, UTF-8 as is (the guide's Korean),
 * scripts as literal blocks, and strings that would read as numbers or booleans ({@code '0.3'}, {@code 'True'})
 * quoted so they stay strings.
 */
public final class SsmYaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private SsmYaml() {
    }

    public static String write(Map<String, Object> document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as maps and lists; throws IOException when it is not YAML or not a mapping. */
    public static Map<String, Object> read(String yaml) throws IOException {
        Map<String, Object> m = MAPPER.readValue(yaml, new TypeReference<Map<String, Object>>() { });
        if (m == null) {
            throw new IOException("empty document");
        }
        return m;
    }
}
