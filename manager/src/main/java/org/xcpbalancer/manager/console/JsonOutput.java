package org.xcpbalancer.manager.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * --format json. In a class of its own so that Jackson (some 550 classes, a tenth of a second to load) is loaded
 * only by a session that prints JSON, not by every `xcp-manager -e "SHOW HOSTS"`.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonOutput() {
    }

    static String render(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
