package dev.runbook.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.config.InvalidInputException;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.config.Environment;
import dev.runbook.config.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLoaderTest {
    @TempDir
    Path dir;
    final Environment dev = TestSettings.load().environment("dev");
    final Environment prod = TestSettings.load().environment("prod");

    /** A test action that reads its parameters like the real ones do. */
    record Check(String group, Duration maxAge, boolean mutates) implements Action {
        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of("check " + group);
        }

        @Override
        public Outcome execute(ActionContext ctx) {
            return Outcome.succeeded("ok").build();
        }
    }

    final ActionRegistry registry = new ActionRegistry()
            .register("test.check", p -> new Check(p.string("replication-group"),
                    p.duration("max-age", Duration.ofHours(1)), false))
            .register("test.change", p -> new Check(p.string("replication-group"), Duration.ZERO, true));

    Runbook load(String body, Environment env) throws IOException {
        Path f = dir.resolve("rb.conf");
        Files.writeString(f, body);
        return new RunbookLoader(registry).load(f, env);
    }

    InvalidInputException fails(String body) {
        return assertThrows(InvalidInputException.class, () -> load(body, dev));
    }

    static String runbook(String steps) {
        return "runbook {\n  id = t\n  title = T\n  sections = [\n    { id = pre, title = Pre, steps = [\n"
                + steps + "\n    ]}\n  ]\n}\n";
    }

    static final String GOOD_STEP =
            "      { id = a, title = A, action = test.check, with { replication-group = ${env.replication-group-id} } }";

    @Test
    void substitutesTheEnvironmentIntoParameters() throws IOException {
        Runbook rb = load(runbook(GOOD_STEP), prod);
        Check c = (Check) rb.entries().get(0).step().action();
        assertEquals("goorm-popcorn-cache-prod", c.group());
        assertEquals(Confirm.NONE, rb.entries().get(0).step().confirm());
        assertEquals("pre/a", rb.entries().get(0).key());
    }

    @Test
    void mutatingStepsDefaultToYesAndTakeConfirmFromTheEnvironment() throws IOException {
        String step = "      { id = b, title = B, action = test.change, confirm = ${env.confirm-risky},"
                + " with { replication-group = x } }";
        assertEquals(Confirm.YES, load(runbook(step), dev).entries().get(0).step().confirm());
        assertEquals(Confirm.TYPE_ID, load(runbook(step), prod).entries().get(0).step().confirm());
    }

    @Test
    void unknownActionNamesFileAndLine() {
        InvalidInputException e = fails(runbook("      { id = a, title = A, action = test.nope }"));
        assertEquals(dir.resolve("rb.conf") + ":6: step.action: unknown action 'test.nope'", e.getMessage());
    }

    @Test
    void unknownStepKeyNamesFileAndLine() {
        InvalidInputException e = fails(runbook(
                "      { id = a, title = A, action = test.check, with { replication-group = x }, confrim = yes }"));
        assertEquals(dir.resolve("rb.conf") + ":6: unknown key 'step.confrim'", e.getMessage());
    }

    @Test
    void unknownParameterNamesFileAndLine() {
        InvalidInputException e = fails(runbook(
                "      { id = a, title = A, action = test.check, with { replication-group = x, max-aeg = 2h } }"));
        assertEquals(dir.resolve("rb.conf") + ":6: unknown key 'pre/a.with.max-aeg'", e.getMessage());
    }

    @Test
    void wrongParameterValueNamesFileAndLine() {
        InvalidInputException e = fails(runbook(
                "      { id = a, title = A, action = test.check, with { replication-group = x, max-age = soon } }"));
        assertEquals(dir.resolve("rb.conf") + ":6: pre/a.with.max-age: expected a duration such as 30s, 10m or 1h",
                e.getMessage());
    }

    @Test
    void stepWithoutIdIsRejected() {
        InvalidInputException e = fails(runbook("      { title = A, action = test.check }"));
        assertEquals(dir.resolve("rb.conf") + ":6: step without an id (every step needs id = ...)", e.getMessage());
    }

    @Test
    void duplicateStepIdsAreRejected() {
        InvalidInputException e = fails(runbook(GOOD_STEP + "\n" + GOOD_STEP));
        assertEquals(dir.resolve("rb.conf") + ":7: step.id: duplicate step id 'a'", e.getMessage());
    }

    @Test
    void missingSubstitutionNamesFileAndLine() {
        InvalidInputException e = fails(runbook(
                "      { id = a, title = A, action = test.check, with { replication-group = ${env.cluster-name} } }"));
        assertTrue(e.getMessage().startsWith(dir.resolve("rb.conf") + ":6: "), e.getMessage());
        assertTrue(e.getMessage().contains("env.cluster-name"), e.getMessage());
    }

    @Test
    void malformedHoconNamesFileAndLine() {
        InvalidInputException e = fails("runbook {\n  id = t\n  sections = [ { id = \n");
        assertTrue(e.getMessage().startsWith(dir.resolve("rb.conf") + ":"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void mutatingStepCannotSkipConfirmation() {
        InvalidInputException e = fails(runbook(
                "      { id = b, title = B, action = test.change, confirm = none, with { replication-group = x } }"));
        assertEquals(dir.resolve("rb.conf")
                + ":6: step.confirm: action 'test.change' changes the group: confirm must be yes or type-id",
                e.getMessage());
    }

    @Test
    void onlyWhenMustNameAnEnvironmentKey() {
        InvalidInputException e = fails(runbook("      { id = a, title = A, action = test.check,"
                + " with { replication-group = x }, only-when { method = sdk } }"));
        assertTrue(e.getMessage().startsWith(dir.resolve("rb.conf") + ":6: step.only-when.method: not an environment key"),
                e.getMessage());
    }

    @Test
    void missingRunbookFileIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new RunbookLoader(registry).load(dir.resolve("nope.conf"), dev));
        assertEquals("runbook not found: " + dir.resolve("nope.conf"), e.getMessage());
    }

    @Test
    void theGuidesRunbookLoadsForEveryEnvironmentWithEverySection() {
        for (Environment env : TestSettings.load().environments().values()) {
            Runbook rb = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks/valkey-migration.conf"), env);
            assertEquals(java.util.List.of("precheck", "migrate", "monitor", "verify", "rollback"),
                    rb.sections().stream().map(Section::id).toList());
            assertEquals(Section.Kind.ROLLBACK, rb.sections().get(4).kind());
            for (Runbook.Entry e : rb.entries()) {
                assertTrue(!e.step().guide().isEmpty(), e.key() + " carries the guide's wording");
            }
        }
    }

    @Test
    void requiresNamesEarlierStepsInAnySection() throws IOException {
        Runbook rb = load("runbook {\n  id = t\n  title = T\n  sections = [\n"
                + "    { id = pre, title = Pre, steps = [\n" + GOOD_STEP + "\n    ]}\n"
                + "    { id = back, title = Back, kind = rollback, steps = [\n"
                + "      { id = b, title = B, action = test.check, with { replication-group = x }, requires = [a] }\n"
                + "    ]}\n  ]\n}\n", dev);
        assertEquals(java.util.List.of("a"), rb.entry("back/b").orElseThrow().step().requires());
        assertEquals(java.util.List.of(), rb.entry("pre/a").orElseThrow().step().requires());
    }

    @Test
    void requiresOfAStepThatDoesNotExistNamesFileAndLine() {
        InvalidInputException e = fails(runbook(GOOD_STEP + "\n"
                + "      { id = b, title = B, action = test.check, with { replication-group = x }, requires = [snapshot] }"));
        assertEquals(dir.resolve("rb.conf") + ":7: step.requires: 'snapshot' is not a step of this runbook (steps: a, b)",
                e.getMessage());
    }

    @Test
    void requiresOfALaterStepNamesFileAndLine() {
        InvalidInputException e = fails(runbook(
                "      { id = b, title = B, action = test.check, with { replication-group = x }, requires = [a] }\n"
                + GOOD_STEP));
        assertEquals(dir.resolve("rb.conf") + ":6: step.requires: 'a' comes after step 'b': a step can require only"
                + " steps before it (the run goes top to bottom)", e.getMessage());
    }

    @Test
    void requiresOfItselfNamesFileAndLine() {
        InvalidInputException e = fails(runbook(
                "      { id = b, title = B, action = test.check, with { replication-group = x }, requires = [b] }"));
        assertEquals(dir.resolve("rb.conf") + ":6: step.requires: step 'b' cannot require itself", e.getMessage());
    }

    @Test
    void requiresMustBeAListOfStepIds() {
        InvalidInputException e = fails(runbook(GOOD_STEP + "\n"
                + "      { id = b, title = B, action = test.check, with { replication-group = x }, requires = { a = 1 } }"));
        assertEquals(dir.resolve("rb.conf") + ":7: step.requires: expected a list of strings", e.getMessage());
    }

    static String withStart(String start) {
        return runbook(GOOD_STEP).replace("  title = T\n", "  title = T\n  rehearsal-start {\n" + start + "\n  }\n");
    }

    static final String START = "    engine = valkey, version = \"8.0\", parameter-group = default.valkey8\n"
            + "    num-cache-clusters = 1, automatic-failover = false, multi-az = false\n"
            + "    transit-encryption = preferred, rollback-group = false, pre-migration-snapshot-ages = [30d]";

    @Test
    void aRehearsalStartBlockIsReadWithEveryKey() throws IOException {
        RehearsalStart s = load(withStart(START), dev).rehearsalStart().orElseThrow();
        assertEquals("valkey 8.0, 1 node(s), TLS preferred, 1 pre-migration snapshot(s) [30d] old", s.describe());
        assertEquals(java.util.Optional.empty(), load(runbook(GOOD_STEP), dev).rehearsalStart());
    }

    @Test
    void aRehearsalStartWithAWrongValueOrAnUnknownKeyNamesFileAndLine() {
        InvalidInputException mode = fails(withStart(START.replace("transit-encryption = preferred",
                "transit-encryption = maybe")));
        assertEquals(dir.resolve("rb.conf") + ":7: runbook.rehearsal-start.transit-encryption: 'maybe' is not one of off,"
                + " preferred, required", mode.getMessage());
        InvalidInputException unknown = fails(withStart(START + "\n    nodes = 2"));
        assertEquals(dir.resolve("rb.conf") + ":8: unknown key 'runbook.rehearsal-start.nodes'", unknown.getMessage());
        InvalidInputException age = fails(withStart(START.replace("[30d]", "[soon]")));
        assertEquals(dir.resolve("rb.conf") + ":7: runbook.rehearsal-start.pre-migration-snapshot-ages: 'soon' is not a"
                + " duration (e.g. 30d)", age.getMessage());
    }
}
