package org.xcpbalancer.collector.read;

import org.xcpbalancer.xapi.XapiSession;

/** How a collection gets the pool's object graph: read in bulk each time, or kept up to date by events. */
public interface GraphSource {
    /** Brings the graph up to date; a constant number of XAPI requests whatever the pool's size. */
    ObjectGraph refresh(XapiSession session);
}
