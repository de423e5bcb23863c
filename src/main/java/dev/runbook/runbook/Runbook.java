package dev.runbook.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A runbook loaded for one environment: its sections and steps, every action already built and checked. */
public record Runbook(String id, String title, String file, List<Section> sections,
                      Optional<RehearsalStart> rehearsalStart) {
    public Runbook {
        sections = List.copyOf(sections);
    }

    /** A runbook whose rehearsal starts from the environment's group as it runs today. */
    public Runbook(String id, String title, String file, List<Section> sections) {
        this(id, title, file, sections, Optional.empty());
    }

    /** A step with its section, addressed as {@code section/step} in journals and reports. */
    public record Entry(Section section, Step step) {
        public String key() {
            return section.id() + "/" + step.id();
        }
    }

    /** Every step in order, rollback sections last as written. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (Section s : sections) {
            for (Step step : s.steps()) {
                all.add(new Entry(s, step));
            }
        }
        return all;
    }

    /** The step with this id (ids are unique in a runbook, whatever the section). */
    public Optional<Entry> entryOfStep(String stepId) {
        return entries().stream().filter(e -> e.step().id().equals(stepId)).findFirst();
    }

    public Optional<Entry> entry(String key) {
        return entries().stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
