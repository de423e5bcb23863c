package dev.runbook.action.dataplane;

import dev.runbook.config.Environment;

/** An environment of the project's settings with another data plane or production flag, for data-plane tests. */
final class TestEnvironments {
    private TestEnvironments() {
    }

    static Environment with(Environment e, Environment.DataPlane dp, boolean production) {
        return new Environment(e.name(), e.replicationGroupId(), e.nodeType(), e.source(), e.target(),
                e.currentNumCacheClusters(), e.numCacheClusters(), e.automaticFailover(), e.multiAz(),
                e.atRestEncryption(), e.transitEncryption(), e.applyImmediately(), e.snapshotRetentionLimit(),
                e.snapshotWindow(), e.maintenanceWindow(), e.terraformDir(), e.migrationMethod(), e.confirmRisky(),
                dp, production);
    }

    /** A plain or TLS endpoint on 127.0.0.1 with the given CA file, token file and benchmark settings. */
    static Environment.DataPlane local(EngineServer s, String caFile, String tokenFile, Environment.BenchmarkWrites b) {
        return new Environment.DataPlane("127.0.0.1", s.port, s.tls != null, "", tokenFile, caFile, b);
    }
}
