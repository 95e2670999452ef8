package org.xcpbalancer.simulator.xapi;

/** The implementation of one XAPI method: returns the value to send (a record, a ref, "" for void, ...). */
@FunctionalInterface
public interface XapiMethod {

    Object call(CallContext context) throws XapiException;
}
