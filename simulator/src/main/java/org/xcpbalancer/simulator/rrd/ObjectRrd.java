package org.xcpbalancer.simulator.rrd;

import java.util.List;

/** The archives of one host or VM: its data source names and one {@link RrdArchive} per timescale. */
final class ObjectRrd {
    private final String uuid;
    private final List<String> dsNames;
    private final RrdArchive[] archives;

    ObjectRrd(String uuid, List<String> dsNames, int[][] timescales) {
        this.uuid = uuid;
        this.dsNames = List.copyOf(dsNames);
        this.archives = new RrdArchive[timescales.length];
        for (int i = 0; i < timescales.length; i++) {
            archives[i] = new RrdArchive(timescales[i][0], timescales[i][1], dsNames.size());
        }
    }

    String uuid() {
        return uuid;
    }

    List<String> dsNames() {
        return dsNames;
    }

    RrdArchive archive(int index) {
        return archives[index];
    }

    void addPdp(long time, double[] values) {
        for (RrdArchive archive : archives) {
            archive.addPdp(time, values);
        }
    }

    int column(String dsName) {
        return dsNames.indexOf(dsName);
    }
}
