package dev.runbook.action;

/**
 * Stands in for an action whose implementation has not landed yet: previews what it is for, and fails when
 * run, saying so. Each action package replaces its placeholders with the real action.
 */
public final class Placeholder implements Action {
    private final String name;
    private final boolean mutates;
    private final String summary;

    public Placeholder(String name, boolean mutates, String summary) {
        this.name = name;
        this.mutates = mutates;
        this.summary = summary;
    }

    public static ActionFactory factory(String name, boolean mutates, String summary) {
        return params -> {
            params.acceptAll();
            return new Placeholder(name, mutates, summary);
        };
    }

    @Override
    public Preview preview(ActionContext ctx) {
        return Preview.of(summary);
    }

    @Override
    public boolean mutates() {
        return mutates;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        throw new ActionException(name + " is not implemented yet");
    }
}
