package dev.runbook.action;

import dev.runbook.action.cloudwatch.CloudWatchActions;
import dev.runbook.action.dataplane.DataPlaneActions;
import dev.runbook.action.elasticache.ElastiCacheActions;
import dev.runbook.action.guard.GuardActions;
import dev.runbook.action.terraform.TerraformActions;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every action name a runbook may use, mapped to the factory that builds it. Each action package registers
 * its own names, so adding an action touches only its package.
 */
public final class ActionRegistry {
    private final Map<String, ActionFactory> factories = new TreeMap<>();

    /** The registry with every action this tool has. */
    public static ActionRegistry standard() {
        ActionRegistry r = new ActionRegistry();
        ElastiCacheActions.register(r);
        CloudWatchActions.register(r);
        TerraformActions.register(r);
        DataPlaneActions.register(r);
        GuardActions.register(r);
        return r;
    }

    public ActionRegistry register(String name, ActionFactory factory) {
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("action registered twice: " + name);
        }
        return this;
    }

    public Optional<ActionFactory> factory(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(factories.keySet());
    }
}
