package dev.runbook.action;

/** Builds an action from a step's parameters; throws an invalid-input error naming file:line on bad ones. */
@FunctionalInterface
public interface ActionFactory {
    Action create(Params params);
}
