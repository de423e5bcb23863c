package dev.runbook.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The run screen's keys: the one table that drives all three places they show up — what a key does
 * ({@link #command}), what the status bar offers in each {@link State} ({@link #hint}) and the {@code ?}
 * screen ({@link #help}). A key is added or changed here and nowhere else: a row says which keys, in which
 * {@link Focus}, ask for which {@link Command}, how the bar names it, and what {@code ?} says under which
 * heading. The confirmation's keys are rows too; the dialogs read y / n / Esc through {@link #yesOrNo}.
 */
enum RunKey {
    MOVE(Focus.SCREEN, "↑ ↓  or  k j", "↑↓/jk move", "↑↓ move", List.of(new Help(Group.MOVING, "select a step")),
            on(KeyType.ArrowUp, Command.UP), on('k', Command.UP), on(KeyType.ArrowDown, Command.DOWN),
            on('j', Command.DOWN)),
    PAGE(Focus.SCREEN, "PgUp PgDn", null, null, List.of(new Help(Group.MOVING, "scroll the step pane")),
            on(KeyType.PageUp, Command.PAGE_UP), on(KeyType.PageDown, Command.PAGE_DOWN)),
    RUN(Focus.SCREEN, "Enter", "Enter run", "Enter run", List.of(new Help(Group.MOVING,
            "run the selected step (then the next one is selected); a change",
            "runs only after every earlier step ended, else the log says why")), on(KeyType.Enter, Command.RUN)),
    RETRY(Focus.SCREEN, "t", "t retry", "t retry", List.of(new Help(Group.AFTER_FAILURE, "retry the failed step")),
            on('t', Command.RETRY)),
    SKIP(Focus.SCREEN, "s", "s skip", "s skip", List.of(
            new Help(Group.MOVING, "skip the selected step (asks for a reason, recorded)"),
            new Help(Group.AFTER_FAILURE, "skip it (asks for a reason, recorded in the report)")),
            on('s', Command.SKIP)),
    ROLLBACK(Focus.SCREEN, "b", "b rollback", "b rollback",
            List.of(new Help(Group.AFTER_FAILURE, "go to the rollback section (any time; journaled)")),
            on('b', Command.ROLLBACK)),
    ABORT(Focus.SCREEN, "a", "a abort", "a abort", List.of(new Help(Group.AFTER_FAILURE, "abort the run (asks for a reason)")),
            on('a', Command.ABORT)),
    LOG(Focus.SCREEN, "l", "l log", "l log",
            List.of(new Help(Group.ANY_TIME, "focus the log (↑↓ PgUp PgDn scroll, Esc back)")), on('l', Command.LOG)),
    REPORT(Focus.SCREEN, "r", "r report", "r report", List.of(new Help(Group.ANY_TIME, "the report so far")),
            on('r', Command.REPORT)),
    HELP(Focus.SCREEN, "?", "? help", "? help", List.of(new Help(Group.ANY_TIME, "this help")), on('?', Command.HELP)),
    QUIT(Focus.SCREEN, "q", "q quit", "q quit",
            List.of(new Help(Group.ANY_TIME, "quit (asks first; says what a step in flight would leave)")),
            on('q', Command.QUIT)),
    /** The focused log takes these before the screen does; its other keys act as usual (q still quits). */
    LOG_SCROLL(Focus.LOG, null, "↑↓ PgUp PgDn scroll", "↑↓ PgUp PgDn scroll", List.of(),
            on(KeyType.ArrowUp, Command.LOG_UP), on(KeyType.ArrowDown, Command.LOG_DOWN),
            on(KeyType.PageUp, Command.LOG_PAGE_UP), on(KeyType.PageDown, Command.LOG_PAGE_DOWN)),
    LOG_BACK(Focus.LOG, null, "Esc back", "Esc back", List.of(), on(KeyType.Escape, Command.LOG_BACK),
            on('l', Command.LOG_BACK)),
    ANSWER(Focus.CONFIRMATION, "y / n", null, null, List.of(new Help(Group.CONFIRMING, "go ahead / not now")),
            on('y', Command.YES), on('n', Command.NO)),
    TYPED_ID(Focus.CONFIRMATION, "<group id> Enter", null, null,
            List.of(new Help(Group.CONFIRMING, "where the step asks for the replication group id typed out"))),
    NOT_NOW(Focus.CONFIRMATION, "Esc", null, null, List.of(new Help(Group.CONFIRMING, "not now")),
            on(KeyType.Escape, Command.NO));

    /** Where a key works: the run screen, the focused log (before the screen's keys), or a confirmation dialog. */
    enum Focus { SCREEN, LOG, CONFIRMATION }

    /** What a key asks for. */
    enum Command {
        UP, DOWN, PAGE_UP, PAGE_DOWN, RUN, RETRY, SKIP, ROLLBACK, ABORT, LOG, REPORT, HELP, QUIT,
        LOG_UP, LOG_DOWN, LOG_PAGE_UP, LOG_PAGE_DOWN, LOG_BACK, YES, NO
    }

    /** The {@code ?} screen's headings, in the order it shows them. */
    enum Group {
        MOVING("Moving"), CONFIRMING("Confirming a step"), AFTER_FAILURE("After a failure"), ANY_TIME("Any time");

        private final String title;

        Group(String title) {
            this.title = title;
        }
    }

    /** What the screen is doing, as far as the keys the status bar offers go. */
    enum State { READY, RUNNING, CONFIRMING, FAILED, REFUSED, LOG }

    /** What {@code ?} says about a key under one heading: a line, and its continuations. */
    record Help(Group group, String... lines) {
    }

    /** One key (a key type, and for {@link KeyType#Character} the character) and what it asks for. */
    record Binding(KeyType type, Character character, Command command) {
        boolean matches(KeyType t, Character c) {
            return type == t && (character == null || character.equals(c));
        }
    }

    /** The keys the status bar offers now, in full and short. */
    record Hint(String keys, String shortKeys) {
    }

    private static final int KEY_COLUMN = 16;
    private final Focus focus;
    private final String helpKeys;
    private final String bar;
    private final String shortBar;
    private final List<Help> help;
    private final List<Binding> bindings;

    RunKey(Focus focus, String helpKeys, String bar, String shortBar, List<Help> help, Binding... bindings) {
        this.focus = focus;
        this.helpKeys = helpKeys;
        this.bar = bar;
        this.shortBar = shortBar;
        this.help = help;
        this.bindings = List.of(bindings);
    }

    private static Binding on(KeyType type, Command command) {
        return new Binding(type, null, command);
    }

    private static Binding on(char c, Command command) {
        return new Binding(KeyType.Character, c, command);
    }

    /** What {@code key} asks of the run screen; the focused log's keys come first. Empty: a key it does not take. */
    static Optional<Command> command(KeyStroke key, boolean logFocused) {
        Optional<Command> log = logFocused ? find(Focus.LOG, key.getKeyType(), key.getCharacter()) : Optional.empty();
        return log.isPresent() ? log : find(Focus.SCREEN, key.getKeyType(), key.getCharacter());
    }

    /** A confirmation's answer: {@code y} (either case) yes, {@code n} or Esc no; empty for any other key. */
    static Optional<Boolean> yesOrNo(KeyStroke key) {
        Character c = key.getCharacter() == null ? null : Character.toLowerCase(key.getCharacter());
        return find(Focus.CONFIRMATION, key.getKeyType(), c).map(command -> command == Command.YES);
    }

    private static Optional<Command> find(Focus focus, KeyType type, Character c) {
        return Arrays.stream(values()).filter(k -> k.focus == focus).flatMap(k -> k.bindings.stream())
                .filter(b -> b.matches(type, c)).map(Binding::command).findFirst();
    }

    /** The status bar's keys in {@code state}; {@code running} is the id of the step in flight, or null. */
    static Hint hint(State state, String running) {
        return switch (state) {
            case LOG -> new Hint("LOG: " + full(LOG_SCROLL, LOG_BACK), "LOG: " + full(LOG_SCROLL, LOG_BACK));
            case CONFIRMING -> new Hint("confirm " + running + ": answer in the dialog", "confirm: answer in the dialog");
            case RUNNING -> new Hint("running " + running + "… · " + full(LOG, HELP, QUIT), "running… " + brief(HELP, QUIT));
            case FAILED -> new Hint("FAILED: " + full(RETRY, SKIP, ROLLBACK, ABORT, HELP, QUIT),
                    brief(RETRY, SKIP, ROLLBACK, ABORT));
            case REFUSED -> new Hint("REFUSED (log says why): run the steps it waits for · " + SKIP.bar + " one (reason)"
                    + " · " + HELP.bar, "REFUSED: see log · " + brief(SKIP, HELP));
            case READY -> new Hint(full(MOVE, RUN, LOG, REPORT, HELP, QUIT), brief(RUN, MOVE, HELP, QUIT));
        };
    }

    private static String full(RunKey... keys) {
        return Arrays.stream(keys).map(k -> k.bar).collect(Collectors.joining(" · "));
    }

    private static String brief(RunKey... keys) {
        return Arrays.stream(keys).map(k -> k.shortBar).collect(Collectors.joining(" "));
    }

    /** The {@code ?} screen: every key under its headings, then what the tree's marks mean. */
    static List<Line> help() {
        List<Line> out = new ArrayList<>();
        for (Group group : Group.values()) {
            out.add(Line.heading(group.title));
            for (RunKey key : values()) {
                for (Help h : key.help) {
                    if (h.group() == group) {
                        for (int i = 0; i < h.lines().length; i++) {
                            out.add(Line.of(String.format("%-" + KEY_COLUMN + "s %s", i == 0 ? key.helpKeys : "",
                                    h.lines()[i])));
                        }
                    }
                }
            }
        }
        out.add(Line.heading("Marks"));
        out.add(Line.of("' ' pending  > running  ✓ done  ✗ failed  - skipped  ~ would run (dry-run)  · n/a"));
        return out;
    }
}
