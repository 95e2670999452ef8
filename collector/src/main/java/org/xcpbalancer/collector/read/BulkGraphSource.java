package org.xcpbalancer.collector.read;

import org.xcpbalancer.core.xapi.XapiSession;

/** One get_all_records per class, every time: what a cron run of xcp-collect does (five requests). */
public final class BulkGraphSource implements GraphSource {
    @Override
    public ObjectGraph refresh(XapiSession session) {
        ObjectGraph graph = new ObjectGraph();
        BulkGraphReader.readPools(session, graph);
        BulkGraphReader.readRest(session, graph);
        return graph;
    }
}
