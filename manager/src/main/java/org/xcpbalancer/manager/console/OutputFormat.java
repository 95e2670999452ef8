package org.xcpbalancer.manager.console;

/** --format: text for people (the original tool's wording), json for scripts (one JSON document per command). */
public enum OutputFormat {
    TEXT, JSON
}
