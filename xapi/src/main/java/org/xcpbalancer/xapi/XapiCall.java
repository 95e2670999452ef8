package org.xcpbalancer.xapi;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Types;
import org.apache.xmlrpc.XmlRpcException;

/** One or more SDK calls made with the session's connection, e.g. {@code c -> VM.getAllRecords(c)}. */
@FunctionalInterface
public interface XapiCall<T> {
    T call(Connection connection) throws Types.XenAPIException, XmlRpcException;
}
