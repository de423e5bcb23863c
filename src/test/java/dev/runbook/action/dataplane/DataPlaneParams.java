package dev.runbook.action.dataplane;

import com.typesafe.config.ConfigFactory;
import dev.runbook.action.Params;

/** Step parameters from HOCON text, as the runbook loader would hand them to a factory. */
final class DataPlaneParams {
    private DataPlaneParams() {
    }

    static Params of(String hocon) {
        return new Params(ConfigFactory.parseString(hocon), "test-step");
    }
}
