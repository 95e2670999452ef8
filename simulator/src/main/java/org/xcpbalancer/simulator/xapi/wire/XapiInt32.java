package org.xcpbalancer.simulator.xapi.wire;

/**
 * An ocaml-rpc Int32: the only integer XAPI writes as a typed {@code <i4>} in XML-RPC (event.from's
 * valid_ref_counts). Every other XAPI int is an int64, carried as a {@link Long} and written untyped.
 */
public record XapiInt32(int value) {
}
