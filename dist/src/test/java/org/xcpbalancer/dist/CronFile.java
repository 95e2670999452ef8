package org.xcpbalancer.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An /etc/cron.d file: its variables (SHELL, PATH, ...) and its jobs (five time fields, a user, a command). */
record CronFile(Map<String, String> environment, List<Job> jobs) {
    record Job(String user, String command) {
    }

    static CronFile read(Path file) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        List<Job> jobs = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.trim();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+", 7);
            if (text.matches("[A-Z_]+=.*")) {
                environment.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            } else if (fields.length == 7) {
                jobs.add(new Job(fields[5], fields[6]));
            } else {
                throw new AssertionError(file + ": not a cron.d line: " + line);
            }
        }
        return new CronFile(environment, List.copyOf(jobs));
    }

    Job job(String program) {
        return jobs.stream().filter(job -> job.command().contains("/bin/" + program + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + program + " job in " + jobs));
    }
}
