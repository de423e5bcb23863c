package dev.runbook.runbook;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.runbook.action.Action;
import dev.runbook.action.ActionFactory;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Params;
import dev.runbook.config.ConfigReader;
import dev.runbook.config.Environment;
import dev.runbook.config.Includes;
import dev.runbook.config.InvalidInputException;
import dev.runbook.config.Origins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a runbook file (HOCON) for one environment: substitutes {@code ${env.<key>}} from the environment,
 * checks every key, builds every step's action through the registry, and fails on the first problem with
 * one line naming file:line.
 */
public final class RunbookLoader {
    private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]*$");
    private final ActionRegistry registry;

    public RunbookLoader(ActionRegistry registry) {
        this.registry = registry;
    }

    public Runbook load(Path file, Environment env) {
        Map<String, Object> subs = env.asSubstitutions();
        Config root = resolved(file, env);
        ConfigReader top = new ConfigReader(root, "");
        ConfigReader rb = top.object("runbook");
        top.rejectUnknown();
        String id = rb.matching("id", ID, "an id (lowercase letters, digits, hyphens)");
        String title = rb.string("title");
        List<Section> sections = new ArrayList<>();
        Set<String> sectionIds = new HashSet<>();
        Set<String> stepIds = new LinkedHashSet<>();
        List<Requirement> later = new ArrayList<>();
        List<? extends Config> sectionConfigs = list(rb, "sections");
        for (Config sc : sectionConfigs) {
            sections.add(section(new ConfigReader(sc, "section"), sectionIds, stepIds, subs, later));
        }
        Optional<RehearsalStart> start = RehearsalStart.read(rb);
        rb.rejectUnknown();
        if (sections.isEmpty()) {
            throw rb.fail("sections", "a runbook needs at least one section");
        }
        for (Requirement q : later) {
            throw q.reader().fail("requires", stepIds.contains(q.required())
                    ? "'" + q.required() + "' comes after step '" + q.step() + "': a step can require only steps"
                    + " before it (the run goes top to bottom)"
                    : "'" + q.required() + "' is not a step of this runbook (steps: " + String.join(", ", stepIds) + ")");
        }
        return new Runbook(id, title, file.toString(), sections, start);
    }

    /** The runbook file parsed, with {@code ${env.*}} resolved from {@code env}. */
    private static Config resolved(Path file, Environment env) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("runbook not found: " + file);
        }
        try {
            Config parsed = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
            Config envConfig = ConfigFactory.parseMap(Map.of("env", env.asSubstitutions()),
                    "environment '" + env.name() + "'");
            return parsed.withFallback(envConfig).resolve().withoutPath("env");
        } catch (ConfigException e) {
            throw Includes.error(file, e);
        }
    }

    /**
     * Each step of the runbook file as {@code section/step} → its definition (resolved for {@code env}), in
     * runbook order: what {@code resume} compares to tell the operator which steps differ from a recorded
     * runbook. Reads the file only; a file that {@link #load} would reject fails here as well.
     */
    public static Map<String, String> stepDefinitions(Path file, Environment env) {
        Map<String, String> out = new LinkedHashMap<>();
        Config root = resolved(file, env);
        com.typesafe.config.ConfigRenderOptions concise = com.typesafe.config.ConfigRenderOptions.concise();
        out.put("(runbook)", root.hasPath("runbook.id") ? "id " + root.getString("runbook.id")
                + ", title " + (root.hasPath("runbook.title") ? root.getString("runbook.title") : "") : "");
        if (root.hasPath("runbook.sections")) {
            for (Config section : root.getConfigList("runbook.sections")) {
                String sid = section.hasPath("id") ? section.getString("id") : "?";
                if (section.hasPath("steps")) {
                    for (Config step : section.getConfigList("steps")) {
                        out.put(sid + "/" + (step.hasPath("id") ? step.getString("id") : "?"),
                                step.root().render(concise));
                    }
                }
            }
        }
        return out;
    }

    /** A {@code requires} entry that names no earlier step: checked once every step is known. */
    private record Requirement(ConfigReader reader, String step, String required) {
    }

    private Section section(ConfigReader r, Set<String> sectionIds, Set<String> stepIds, Map<String, Object> subs,
                            List<Requirement> later) {
        String id = r.matching("id", ID, "an id (lowercase letters, digits, hyphens)");
        if (!sectionIds.add(id)) {
            throw r.fail("id", "duplicate section id '" + id + "'");
        }
        String title = r.string("title");
        String guide = r.string("guide", "");
        Section.Kind kind = Section.Kind.valueOf(r.has("kind")
                ? r.oneOf("kind", List.of("normal", "rollback")).toUpperCase(Locale.ROOT) : "NORMAL");
        List<Step> steps = new ArrayList<>();
        for (Config stc : list(r, "steps")) {
            steps.add(step(new ConfigReader(stc, "step"), id, stepIds, subs, later));
        }
        r.rejectUnknown();
        if (steps.isEmpty()) {
            throw r.fail("steps", "section '" + id + "' has no steps");
        }
        return new Section(id, title, guide, kind, steps);
    }

    private Step step(ConfigReader r, String sectionId, Set<String> stepIds, Map<String, Object> subs,
                      List<Requirement> later) {
        String where = Origins.where(r.config().origin());
        if (!r.has("id")) {
            throw new InvalidInputException(where + ": step without an id (every step needs id = ...)");
        }
        String id = r.matching("id", ID, "an id (lowercase letters, digits, hyphens)");
        if (!stepIds.add(id)) {
            throw r.fail("id", "duplicate step id '" + id + "'");
        }
        String key = sectionId + "/" + id;
        String title = r.string("title");
        String guide = r.string("guide", "");
        String note = r.string("note", "");
        String actionName = r.string("action");
        ActionFactory factory = registry.factory(actionName).orElseThrow(() -> r.fail("action",
                "unknown action '" + actionName + "'"));
        Params params = new Params(r.has("with") ? r.object("with").config() : ConfigFactory.empty(), key);
        Action action = factory.create(params);
        params.finish();
        Confirm confirm;
        if (r.has("confirm")) {
            String word = r.string("confirm");
            confirm = Confirm.parse(word).orElseThrow(() -> r.fail("confirm",
                    "'" + word + "' is not one of none, yes, type-id"));
        } else {
            confirm = action.mutates() ? Confirm.YES : Confirm.NONE;
        }
        if (action.mutates() && confirm == Confirm.NONE) {
            throw r.fail("confirm", "action '" + actionName + "' changes the group: confirm must be yes or type-id");
        }
        Map<String, String> onlyWhen = new LinkedHashMap<>();
        if (r.has("only-when")) {
            ConfigReader ow = r.object("only-when");
            for (String k : ow.children().keySet()) {
                if (!subs.containsKey(k)) {
                    throw ow.fail(k, "not an environment key (known: " + String.join(", ", subs.keySet()) + ")");
                }
                onlyWhen.put(k, ow.string(k));
            }
        }
        List<String> requires = r.has("requires") ? r.strings("requires") : List.of();
        for (String required : requires) {
            if (required.equals(id)) {
                throw r.fail("requires", "step '" + id + "' cannot require itself");
            }
            if (!stepIds.contains(required)) {
                later.add(new Requirement(r, id, required));
            }
        }
        r.rejectUnknown();
        return new Step(id, title, guide, note, actionName, action, confirm, onlyWhen, requires, where);
    }

    private static List<? extends Config> list(ConfigReader r, String key) {
        r.has(key);
        try {
            return r.config().getConfigList(key);
        } catch (ConfigException.Missing e) {
            throw r.fail(key, "missing key '" + key + "'");
        } catch (ConfigException.WrongType e) {
            throw r.fail(key, "expected a list of objects [ { ... } ]");
        }
    }
}
