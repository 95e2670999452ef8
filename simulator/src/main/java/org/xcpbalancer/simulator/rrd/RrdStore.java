package org.xcpbalancer.simulator.rrd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xcpbalancer.simulator.model.HostLoad;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.VmLoad;

/**
 * Round-robin archives of every host's and every runnable VM's data sources, as xcp-rrdd keeps them: a primary
 * data point every 5 s, and AVERAGE archives of 5 s × 120 rows (10 min), 60 s × 120 rows (2 h) and
 * 3600 s × 168 rows (1 week). (xcp-rrdd also keeps 1 day × 366; the simulator does not, to keep a 2,000-VM pool
 * small in memory.)
 *
 * <p>Sampling is lazy and deterministic: whenever the store is read, and before every change to the model, it
 * samples the model at each 5 s boundary it has not sampled yet, so past rows reflect the placement and load of
 * their time. History before the model's start is pre-filled from the initial state, and a gap of more than
 * 10 minutes without reads is bridged cheaply: each archive's missing rows are one sample of the model at the
 * row's time (exact for constant loads; profiles are point-sampled).
 *
 * <p>A dead host's rows, and those of VMs on it or not running, are NaN (unknown), as rrdd records nothing then.
 * A VM's archive is keyed by its uuid, so when it migrates its history goes with it, as xcp-rrdd sends the RRD
 * to the destination host. Thread-safe: every method holds the model's lock.
 * The store reads the model; the model never sees it (SimulatedPool calls {@link #catchUp()} before each change).
 */
public final class RrdStore {
    /** Seconds between primary data points (xcp-rrdd's step). */
    public static final int STEP_SECONDS = 5;
    /** {pdp per row, rows} of each archive, shortest first, as xcp-rrdd's timescales. */
    static final int[][] TIMESCALES = {{1, 120}, {12, 120}, {720, 168}};
    /** A longer gap (10 min) is bridged with one sample per row instead of sampling every 5 s. */
    static final int MAX_STREAMED_PDPS = 120;

    private final PoolModel model;
    private final Object lock;
    private final Map<String, ObjectRrd> rrds = new LinkedHashMap<>();
    private final Map<SimHost, ObjectRrd> hostRrds = new LinkedHashMap<>();
    private final Map<SimVm, ObjectRrd> vmRrds = new LinkedHashMap<>();
    private final Map<SimHost, List<DataSourceDef<HostLoad>>> hostDefs = new LinkedHashMap<>();
    private final Map<SimVm, List<DataSourceDef<VmLoad>>> vmDefs = new LinkedHashMap<>();
    private long lastPdpTime = Long.MIN_VALUE;

    public RrdStore(PoolModel model, Object lock) {
        this.model = model;
        this.lock = lock;
        for (SimHost host : model.hosts()) {
            hostDefs.put(host, DataSourceCatalog.host(host));
            ObjectRrd rrd = new ObjectRrd(host.uuid(),
                    hostDefs.get(host).stream().map(DataSourceDef::name).toList(), TIMESCALES);
            hostRrds.put(host, rrd);
            rrds.put(host.uuid(), rrd);
        }
        for (SimVm vm : model.vms()) {
            if (vm.isGuest() || vm.isControlDomain()) {
                vmDefs.put(vm, DataSourceCatalog.vm(vm));
                ObjectRrd rrd = new ObjectRrd(vm.uuid(),
                        vmDefs.get(vm).stream().map(DataSourceDef::name).toList(), TIMESCALES);
                vmRrds.put(vm, rrd);
                rrds.put(vm.uuid(), rrd);
            }
        }
    }

    /** Fills the archives with history before the model's start, so readers get data at once. */
    public void prefill() {
        synchronized (lock) {
            catchUp();
        }
    }

    /** Samples every 5 s boundary up to now. Called (holding the lock) before each change to the model. */
    public void catchUp() {
        synchronized (lock) {
            long target = Math.floorDiv(model.clock().now().getEpochSecond(), STEP_SECONDS) * STEP_SECONDS;
            if (target <= lastPdpTime) {
                return;
            }
            if (lastPdpTime == Long.MIN_VALUE || (target - lastPdpTime) / STEP_SECONDS > MAX_STREAMED_PDPS) {
                bridge(target);
            } else {
                for (long t = lastPdpTime + STEP_SECONDS; t <= target; t += STEP_SECONDS) {
                    samplePdp(t);
                }
            }
            lastPdpTime = target;
        }
    }

    /** Time of the newest primary data point (xcp-rrdd's last_updated, on a 5 s boundary). */
    public long lastUpdated() {
        synchronized (lock) {
            catchUp();
            return lastPdpTime;
        }
    }

    /**
     * Fills a long gap (or the history at start) cheaply: each archive gets its missing rows, up to its length, as
     * one sample of the model at the row's time; the row in progress at {@code target} is seeded as if the
     * sample at {@code target} had held for its elapsed part.
     */
    private void bridge(long target) {
        TreeMap<Long, List<Integer>> rowsByTime = new TreeMap<>();
        for (int a = 0; a < TIMESCALES.length; a++) {
            long step = (long) TIMESCALES[a][0] * STEP_SECONDS;
            long lastRow = Math.floorDiv(target, step) * step;
            long firstRow = lastRow - (TIMESCALES[a][1] - 1) * step;
            if (lastPdpTime != Long.MIN_VALUE) {
                firstRow = Math.max(firstRow, Math.floorDiv(lastPdpTime, step) * step + step);
            }
            for (long t = firstRow; t <= lastRow; t += step) {
                rowsByTime.computeIfAbsent(t, k -> new ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<Long, List<Integer>> entry : rowsByTime.entrySet()) {
            forEachSample(entry.getKey(), (rrd, values) -> {
                for (int archive : entry.getValue()) {
                    rrd.archive(archive).addRow(entry.getKey(), values);
                }
            });
        }
        forEachSample(target, (rrd, values) -> {
            for (int a = 0; a < TIMESCALES.length; a++) {
                RrdArchive archive = rrd.archive(a);
                long elapsedPdps = Math.floorMod(target, archive.stepSeconds()) / STEP_SECONDS;
                archive.resetConsolidation();
                archive.seed(values, (int) elapsedPdps);
            }
        });
    }

    private void samplePdp(long time) {
        forEachSample(time, (rrd, values) -> rrd.addPdp(time, values));
    }

    private interface SampleSink {
        void accept(ObjectRrd rrd, double[] values);
    }

    /** Samples the model at {@code time} and hands every object's values to {@code sink}. */
    private void forEachSample(long time, SampleSink sink) {
        Instant at = Instant.ofEpochSecond(time);
        for (Map.Entry<SimHost, ObjectRrd> entry : hostRrds.entrySet()) {
            SimHost host = entry.getKey();
            List<DataSourceDef<HostLoad>> defs = hostDefs.get(host);
            double[] values = new double[defs.size()];
            if (host.up()) {
                HostLoad load = model.hostLoadAt(host, at);
                for (int i = 0; i < values.length; i++) {
                    values[i] = defs.get(i).value().applyAsDouble(load);
                }
            } else {
                Arrays.fill(values, Double.NaN);
            }
            sink.accept(entry.getValue(), values);
        }
        for (Map.Entry<SimVm, ObjectRrd> entry : vmRrds.entrySet()) {
            SimVm vm = entry.getKey();
            ObjectRrd rrd = entry.getValue();
            double[] values = rrd.scratch();
            double cpu = isReporting(vm) ? model.vmCpuPerVcpuAt(vm, at) : Double.NaN;
            DataSourceCatalog.fillVm(vm, cpu, values);
            sink.accept(rrd, values);
        }
    }

    private static boolean isReporting(SimVm vm) {
        SimHost host = vm.residentOn();
        return vm.hasDomain() && host != null && host.up();
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    /**
     * The latest 5 s average of one data source of a host or VM, as host/VM.query_data_source returns it (NaN when
     * the object is not reporting).
     *
     * @throws UnknownDataSourceException if the object has no archive or no data source of that name
     */
    public double latestValue(String objectUuid, String dsName) throws UnknownDataSourceException {
        synchronized (lock) {
            catchUp();
            ObjectRrd rrd = rrds.get(objectUuid);
            int column = rrd == null ? -1 : rrd.column(dsName);
            if (column < 0) {
                throw new UnknownDataSourceException(objectUuid, dsName);
            }
            return rrd.archive(0).newestValue(column);
        }
    }

    /**
     * host/VM.get_data_sources: every data source of the object with its latest value, in archive order. Empty
     * for objects without an archive (templates, snapshots, unknown uuids).
     */
    public List<DataSourceInfo> dataSources(String objectUuid) {
        synchronized (lock) {
            catchUp();
            ObjectRrd rrd = rrds.get(objectUuid);
            if (rrd == null) {
                return List.of();
            }
            List<? extends DataSourceDef<?>> defs = model.host(objectUuid) != null
                    ? hostDefs.get(model.host(objectUuid)) : vmDefs.get(model.vm(objectUuid));
            List<DataSourceInfo> result = new ArrayList<>();
            for (int i = 0; i < defs.size(); i++) {
                DataSourceDef<?> def = defs.get(i);
                result.add(new DataSourceInfo(def.name(), def.description(), true, def.standard(), def.min(),
                        def.max(), def.units(), rrd.archive(0).newestValue(i)));
            }
            return result;
        }
    }

    /**
     * What /rrd_updates on {@code host} exports (xapi-rrd's Rrd_updates.create_multi): the host's archive if
     * {@code includeHost}, then those of the VMs resident on it now (only {@code vmUuidOrNull} if given).
     *
     * @param start    epoch seconds; negative means relative to the last update
     * @param interval seconds the caller wants per row; picks the first archive with at least that step that still
     *                 holds {@code start}, or the longest one if none does
     */
    public RrdUpdatesExport updates(SimHost host, long start, long interval, boolean includeHost, String vmUuidOrNull) {
        synchronized (lock) {
            catchUp();
            List<String> prefixes = new ArrayList<>();
            List<ObjectRrd> selected = new ArrayList<>();
            if (includeHost) {
                prefixes.add("host:" + host.uuid() + ":");
                selected.add(hostRrds.get(host));
            }
            for (SimVm vm : model.residentVms(host)) {
                ObjectRrd rrd = vmRrds.get(vm);
                if (rrd != null && (vmUuidOrNull == null || vmUuidOrNull.equals(vm.uuid()))) {
                    prefixes.add("vm:" + vm.uuid() + ":");
                    selected.add(rrd);
                }
            }
            if (selected.isEmpty()) {
                throw new NoRraAvailableException("nothing to export");
            }
            return RrdUpdatesQuery.export(prefixes, selected, lastPdpTime, start, interval);
        }
    }
}
