package dev.runbook.bench;

/** The floor every start-up is measured against: a JVM that prints one line and exits. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello from the JVM floor");
    }
}
