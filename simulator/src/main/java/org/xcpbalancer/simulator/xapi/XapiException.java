package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.List;

/**
 * A XAPI failure: an error code from datamodel_errors.ml and its parameters, sent as ErrorDescription
 * [CODE, params...]. Thrown by method implementations, caught by the dispatcher.
 */
public class XapiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<String> params;

    public XapiException(String code, String... params) {
        super(code + (params.length == 0 ? "" : " " + String.join(" ", params)), null, false, false);
        this.code = code;
        this.params = List.of(params);
    }

    public String code() {
        return code;
    }

    public List<String> params() {
        return params;
    }

    public List<String> errorDescription() {
        List<String> description = new ArrayList<>(params.size() + 1);
        description.add(code);
        description.addAll(params);
        return description;
    }

    public static XapiException of(List<String> errorDescription) {
        return new XapiException(errorDescription.get(0),
                errorDescription.subList(1, errorDescription.size()).toArray(String[]::new));
    }
}
