package org.xcpbalancer.simulator.rrd;

import java.util.List;

/** The archives of one host or VM: its data source names and one {@link RrdArchive} per timescale. */
final class ObjectRrd {
    private final String uuid;
    private final List<String> dsNames;
    private final RrdArchive[] archives;
    private final double[] scratch;

    ObjectRrd(String uuid, List<String> dsNames, int[][] timescales) {
        this.uuid = uuid;
        this.dsNames = List.copyOf(dsNames);
        this.archives = new RrdArchive[timescales.length];
        this.scratch = new double[dsNames.size()];
        for (int i = 0; i < timescales.length; i++) {
            archives[i] = new RrdArchive(timescales[i][0], timescales[i][1], dsNames.size());
        }
    }

    /** A buffer of one row, reused while sampling (the archives copy what they keep). */
    double[] scratch() {
        return scratch;
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
