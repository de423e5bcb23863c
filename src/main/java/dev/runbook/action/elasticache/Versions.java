package dev.runbook.action.elasticache;

/**
 * Engine version comparison as the runbook means it: an expected "7.0" matches "7.0", "7.0.7" or "7.0.x",
 * never "7.1" or "70.0" (major.minor prefix match on whole components).
 */
public final class Versions {
    private Versions() {
    }

    public static boolean matches(String actual, String expected) {
        if (actual == null || expected == null || expected.isBlank()) {
            return false;
        }
        return actual.equals(expected) || actual.startsWith(expected + ".");
    }
}
