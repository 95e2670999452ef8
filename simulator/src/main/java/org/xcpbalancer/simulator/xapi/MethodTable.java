package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every XAPI method the simulator answers, by wire name ("VM.get_record"), with how many arguments it takes after
 * the session. Methods with optional trailing arguments (session.login_with_password's version and originator)
 * accept a range, as xapi's generated server does.
 */
public final class MethodTable {

    /** One registered method. {@code withSession} is false only for session.login_with_password and system.*. */
    public record Entry(String name, int minArgs, int maxArgs, boolean withSession, XapiMethod implementation) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void add(String name, int args, XapiMethod implementation) {
        entries.put(name, new Entry(name, args, args, true, implementation));
    }

    /** Registers only if absent: generic field getters never replace a method written by hand. */
    public void addIfAbsent(String name, int args, XapiMethod implementation) {
        entries.putIfAbsent(name, new Entry(name, args, args, true, implementation));
    }

    public void addWithoutSession(String name, int minArgs, int maxArgs, XapiMethod implementation) {
        entries.put(name, new Entry(name, minArgs, maxArgs, false, implementation));
    }

    public Entry get(String name) {
        return entries.get(name);
    }

    /** The names for system.listMethods, sorted. */
    public List<String> names() {
        return new ArrayList<>(new TreeMap<>(entries).keySet());
    }
}
