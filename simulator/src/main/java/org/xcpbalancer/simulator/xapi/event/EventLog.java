package org.xcpbalancer.simulator.xapi.event;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The change history event.from reads, kept the way xapi's database keeps it (xapi_event.ml): one generation
 * counter bumped by every change, and per object the generations at which it was created, last modified and
 * deleted. A token names a generation; event.from(token) reports objects created after it as "add", modified
 * after it as "mod", deleted after it as "del" (without snapshot). Deleted objects are remembered up to a limit;
 * a token older than a forgotten deletion gets EVENTS_LOST, since that deletion can no longer be reported.
 */
public final class EventLog {

    /** How many deleted objects are remembered by default (tasks are the usual ones). */
    public static final int DELETED_OBJECTS_KEPT_DEFAULT = 10_000;

    /** One object's history. {@code deleted} is 0 while it exists. */
    private static final class Stat {
        final String xapiClass;
        final String ref;
        final long created;
        long modified;
        long deleted;

        Stat(String xapiClass, String ref, long created) {
            this.xapiClass = xapiClass;
            this.ref = ref;
            this.created = created;
            this.modified = created;
        }
    }

    /** One change to report. {@code generation} is the event id. */
    public record Change(String xapiClass, String ref, String operation, long generation) {
    }

    /** What one event.from call reports, with the generation its token names. */
    public record Batch(List<Change> changes, long generation) {
    }

    private final Map<String, Stat> live = new HashMap<>();
    private final Deque<Stat> deleted = new ArrayDeque<>();
    private final int deletedKept;
    private long generation;
    private long forgottenUpTo;

    public EventLog() {
        this(DELETED_OBJECTS_KEPT_DEFAULT);
    }

    public EventLog(int deletedKept) {
        this.deletedKept = deletedKept;
    }

    private static String key(String xapiClass, String ref) {
        return xapiClass + "/" + ref;
    }

    public synchronized void add(String xapiClass, String ref) {
        generation++;
        live.put(key(xapiClass, ref), new Stat(xapiClass, ref, generation));
        notifyAll();
    }

    /** A change to an object; unknown objects are added (their first appearance to the event system). */
    public synchronized void modify(String xapiClass, String ref) {
        Stat stat = live.get(key(xapiClass, ref));
        if (stat == null) {
            add(xapiClass, ref);
            return;
        }
        generation++;
        stat.modified = generation;
        notifyAll();
    }

    public synchronized void delete(String xapiClass, String ref) {
        Stat stat = live.remove(key(xapiClass, ref));
        if (stat == null) {
            return;
        }
        generation++;
        stat.deleted = generation;
        deleted.addLast(stat);
        while (deleted.size() > deletedKept) {
            forgottenUpTo = Math.max(forgottenUpTo, deleted.removeFirst().deleted);
        }
        notifyAll();
    }

    /** event.inject: touches the object and returns a token just before that change. */
    public synchronized long inject(String xapiClass, String ref) {
        modify(xapiClass, ref);
        return generation - 1;
    }

    public synchronized long generation() {
        return generation;
    }

    /**
     * Changes after {@code since} to objects the subscription selects; waits (real time) up to {@code timeout}
     * for at least one.
     *
     * @throws EventsLostException if a deletion after {@code since} has been forgotten
     */
    public synchronized Batch changesSince(long since, Subscription subscription, Duration timeout)
            throws EventsLostException, InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            if (since > 0 && since < forgottenUpTo) {
                throw new EventsLostException();
            }
            List<Change> changes = collect(since, subscription);
            long remaining = deadline - System.nanoTime();
            if (!changes.isEmpty() || remaining <= 0) {
                return new Batch(changes, generation);
            }
            long millis = Math.max(1, remaining / 1_000_000);
            wait(millis);
        }
    }

    private List<Change> collect(long since, Subscription subscription) {
        List<Change> changes = new ArrayList<>();
        if (since >= generation) {
            return changes;
        }
        for (Stat stat : deleted) {
            if (stat.deleted > since && stat.created <= since && subscription.matches(stat.xapiClass, stat.ref)) {
                changes.add(new Change(stat.xapiClass, stat.ref, "del", stat.deleted));
            }
        }
        for (Stat stat : live.values()) {
            if (!subscription.matches(stat.xapiClass, stat.ref)) {
                continue;
            }
            if (stat.created > since) {
                changes.add(new Change(stat.xapiClass, stat.ref, "add", stat.created));
            } else if (stat.modified > since) {
                changes.add(new Change(stat.xapiClass, stat.ref, "mod", stat.modified));
            }
        }
        changes.sort((a, b) -> Long.compare(a.generation(), b.generation()));
        return changes;
    }

    /** Objects per class, for event.from's valid_ref_counts. */
    public synchronized Map<String, Integer> liveCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Stat stat : live.values()) {
            counts.merge(stat.xapiClass, 1, Integer::sum);
        }
        return counts;
    }

    public synchronized boolean exists(String xapiClass, String ref) {
        return live.containsKey(key(Objects.requireNonNull(xapiClass), ref));
    }

    /** Thrown when the token is older than the history kept. */
    public static final class EventsLostException extends Exception {
        private static final long serialVersionUID = 1L;

        EventsLostException() {
            super("EVENTS_LOST", null, false, false);
        }
    }
}
