package dev.runbook.cli;

import dev.runbook.config.InvalidInputException;
import dev.runbook.action.dataplane.Endpoint;
import dev.runbook.aws.sim.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The flags whose values have rules, turned into their types while picocli parses, so a command's {@code call()}
 * only ever sees good values and a bad one stops before anything is written (no run folder). Each refusal is a
 * {@link TypeConversionException} whose message is the operator's whole sentence, naming the flag: {@code Main}
 * prints it as one {@code error:} line with exit code 2, as for any other invalid input.
 */
final class FlagConverters {
    private FlagConverters() {
    }

    /** {@code --speed N}: simulated seconds per real second, at least 1. */
    static final class Speed implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int speed;
            try {
                speed = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("--speed must be a whole number (simulated seconds per real second),"
                        + " was '" + value + "'");
            }
            if (speed < 1) {
                throw new TypeConversionException("--speed must be at least 1 (simulated seconds per real second), was "
                        + speed);
            }
            return speed;
        }
    }

    /** {@code --inject FAULT}: a drill by its word ({@link Fault#parse}). */
    static final class Drill implements ITypeConverter<Fault> {
        @Override
        public Fault convert(String value) {
            return parsed(() -> Fault.parse(value));
        }
    }

    /** The drills' words, for shell completion (picocli would offer the enum's constant names). */
    static final class DrillWords extends ArrayList<String> {
        DrillWords() {
            super(Arrays.stream(Fault.values()).map(Fault::word).toList());
        }
    }

    /** {@code --runs-dir DIR}: never empty, which would mean the working directory. */
    static final class RunsDir implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("--runs-dir: an empty path is not a folder; name one (e.g. --runs-dir"
                        + " runs) or leave the flag out for runs-dir from the settings");
            }
            return Path.of(value);
        }
    }

    /** {@code check-endpoint HOST:PORT}: the address only; whether it speaks TLS is its own flag. */
    static final class HostPort implements ITypeConverter<Endpoint> {
        @Override
        public Endpoint convert(String value) {
            return parsed(() -> Endpoint.parse(value, false, "HOST:PORT"));
        }
    }

    /** The domain's own parse, its one-line refusal passed on as picocli's. */
    private static <T> T parsed(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
