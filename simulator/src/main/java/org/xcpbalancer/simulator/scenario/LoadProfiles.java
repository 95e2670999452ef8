package org.xcpbalancer.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a "cpu" / "controlDomainCpu" value: a number 0..1, or an object with "profile": constant, step, sine or
 * randomWalk (docs/simulator-scenarios.md).
 */
final class LoadProfiles {
    private LoadProfiles() {
    }

    static LoadProfile read(JsonFields owner, String field, String seedName) throws ScenarioException {
        JsonNode node = owner.raw(field);
        if (node.isNumber()) {
            return LoadProfile.constant(owner.requiredDouble(field, 0, 1));
        }
        if (!node.isObject()) {
            throw owner.error(field, "must be a number from 0 to 1 or a load profile object");
        }
        JsonFields profile = new JsonFields(owner.source(), owner.path(field), node);
        String kind = profile.requiredString("profile");
        LoadProfile result = switch (kind) {
            case "constant" -> LoadProfile.constant(profile.requiredDouble("value", 0, 1));
            case "step" -> step(profile);
            case "sine" -> new LoadProfile.Sine(profile.requiredDouble("mean", 0, 1),
                    profile.requiredDouble("amplitude", 0, 1),
                    seconds(profile.requiredDouble("periodSeconds", 1, 31_536_000)),
                    seconds(profile.optionalDouble("phaseSeconds", 0, 31_536_000, 0)));
            case "randomWalk" -> randomWalk(profile, seedName);
            default -> throw profile.error("profile",
                    "must be constant, step, sine or randomWalk, not \"" + kind + "\"");
        };
        profile.rejectUnknown();
        return result;
    }

    private static LoadProfile step(JsonFields profile) throws ScenarioException {
        JsonNode steps = profile.array("steps", true);
        if (steps.isEmpty()) {
            throw profile.error("steps", "needs at least one step");
        }
        List<LoadProfile.StepPoint> points = new ArrayList<>();
        Duration previous = null;
        for (int i = 0; i < steps.size(); i++) {
            JsonFields step = new JsonFields(profile.source(), profile.path("steps") + "[" + i + "]", steps.get(i));
            Duration at = seconds(step.requiredDouble("atSeconds", 0, 31_536_000));
            if (previous != null && at.compareTo(previous) <= 0) {
                throw step.error("atSeconds", "steps must be in increasing time order");
            }
            points.add(new LoadProfile.StepPoint(at, step.requiredDouble("value", 0, 1)));
            step.rejectUnknown();
            previous = at;
        }
        return new LoadProfile.Step(points);
    }

    private static LoadProfile randomWalk(JsonFields profile, String seedName) throws ScenarioException {
        double min = profile.optionalDouble("min", 0, 1, 0);
        double max = profile.optionalDouble("max", 0, 1, 1);
        if (max < min) {
            throw profile.error("max", "must not be below min");
        }
        double start = profile.requiredDouble("start", min, max);
        long defaultSeed = UUID.nameUUIDFromBytes(seedName.getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
        return new RandomWalkLoad(start, profile.optionalDouble("maxStep", 0, 1, 0.05),
                seconds(profile.optionalDouble("intervalSeconds", 1, 86_400, 60)), min, max,
                profile.optionalLong("seed", Long.MIN_VALUE, Long.MAX_VALUE, defaultSeed));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
