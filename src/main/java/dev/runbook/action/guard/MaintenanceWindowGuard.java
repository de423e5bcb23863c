package dev.runbook.action.guard;

import dev.runbook.config.MaintenanceWindow;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.time.Instant;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;

/**
 * Where the run stands against the group's weekly maintenance window (UTC): inside or not, time left, next
 * opening. With apply-immediately = false the engine change waits for that window, which it says plainly.
 */
public record MaintenanceWindowGuard(MaintenanceWindow window, boolean applyImmediately) implements Action {
    public static Action create(Params p) {
        String text = p.string("window");
        MaintenanceWindow w;
        try {
            w = MaintenanceWindow.parse(text);
        } catch (IllegalArgumentException e) {
            throw p.invalid("window", e.getMessage());
        }
        return new MaintenanceWindowGuard(w, p.bool("apply-immediately", true));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Check the time against the maintenance window " + window + " (UTC); no AWS call");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) {
        Instant now = ctx.time().now();
        boolean inside = window.contains(now);
        String where = "Now (" + now + ") is " + window.describe(now);
        Outcome.Builder b = Outcome.succeeded(applyImmediately
                ? where + "; apply-immediately is true, so the change starts when confirmed."
                : where + "; apply-immediately is false, so nothing happens until the window"
                        + (inside ? " (open now)." : " opens at " + window.nextOpening(now) + "."));
        if (!applyImmediately && !inside) {
            b.warning("The engine change will only be queued: AWS applies it in the window starting "
                    + window.nextOpening(now) + ", and the wait step will stop until then.");
        }
        if (applyImmediately && !inside) {
            b.warning("Outside the maintenance window: the upgrade causes downtime (without a replica) while clients"
                    + " may not expect it.");
        }
        return b.fact("inside-window", inside).fact("next-opening", window.nextOpening(now).toString())
                .fact("time-left", MaintenanceWindow.format(window.timeLeft(now))).build();
    }

    /** SSM: where the execution stands against the window (a script: week arithmetic); informs, never fails. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.of(ctx.script("Where", "inside the window " + window + " (UTC) or when it opens", "window.py",
                "where", SsmStep.inputs("Window", window.toString()),
                SsmOutput.of("Inside", "$.Payload.Inside", "Boolean"),
                SsmOutput.string("NextOpening", "$.Payload.NextOpening")));
    }
}
