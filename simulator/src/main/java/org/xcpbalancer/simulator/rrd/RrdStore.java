package org.xcpbalancer.simulator.rrd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.simulator.model.HostLoad;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.VmLoad;

/**
 * Round-robin archives of every host's and VM's data sources, sampled from the model every 5 s of simulated time.
 * (First version: values are computed from the model at read time; archives follow.)
 */
public final class RrdStore {
    /** Primary data point interval, seconds (xcp-rrdd samples every 5 s). */
    public static final int STEP_SECONDS = 5;

    private final PoolModel model;

    public RrdStore(PoolModel model) {
        this.model = model;
    }

    /** Fills the archives with history before the model's start, so readers get data at once. */
    public void prefill() {
    }

    /** Samples every 5 s boundary up to now. Called by the model (holding its lock) before each mutation. */
    public void catchUp() {
    }

    /** The latest 5 s average of one data source of a host or VM (host/VM.query_data_source). */
    public double latestValue(String objectUuid, String dsName) throws UnknownDataSourceException {
        synchronized (model.lock()) {
            Instant at = latestStep(model.clock().now());
            SimHost host = model.host(objectUuid);
            if (host != null) {
                HostLoad load = model.hostLoadAt(host, at);
                for (DataSourceDef<HostLoad> def : DataSourceCatalog.host(host)) {
                    if (def.name().equals(dsName)) {
                        return host.live() ? def.value().applyAsDouble(load) : Double.NaN;
                    }
                }
                throw new UnknownDataSourceException(objectUuid, dsName);
            }
            SimVm vm = model.vm(objectUuid);
            if (vm != null) {
                VmLoad load = model.vmLoadAt(vm, at);
                for (DataSourceDef<VmLoad> def : DataSourceCatalog.vm(vm)) {
                    if (def.name().equals(dsName)) {
                        return def.value().applyAsDouble(load);
                    }
                }
            }
            throw new UnknownDataSourceException(objectUuid, dsName);
        }
    }

    /** host/VM.get_data_sources: every data source of the object with its latest value; empty if unknown. */
    public List<DataSourceInfo> dataSources(String objectUuid) {
        synchronized (model.lock()) {
            Instant at = latestStep(model.clock().now());
            List<DataSourceInfo> result = new ArrayList<>();
            SimHost host = model.host(objectUuid);
            if (host != null) {
                HostLoad load = model.hostLoadAt(host, at);
                for (DataSourceDef<HostLoad> def : DataSourceCatalog.host(host)) {
                    result.add(new DataSourceInfo(def.name(), def.description(), true, def.standard(), def.min(),
                            def.max(), def.units(), def.value().applyAsDouble(load)));
                }
            }
            SimVm vm = model.vm(objectUuid);
            if (vm != null && vm.residentOn() != null) {
                VmLoad load = model.vmLoadAt(vm, at);
                for (DataSourceDef<VmLoad> def : DataSourceCatalog.vm(vm)) {
                    result.add(new DataSourceInfo(def.name(), def.description(), true, def.standard(), def.min(),
                            def.max(), def.units(), def.value().applyAsDouble(load)));
                }
            }
            return result;
        }
    }

    static Instant latestStep(Instant now) {
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), STEP_SECONDS) * STEP_SECONDS);
    }

    PoolModel model() {
        return model;
    }
}
