package io.graylane.bookinfo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether an object in the cluster already holds everything of the desired one. The API server adds defaults
 * (a Service's clusterIP, a container's terminationMessagePath, ...): those extra fields are no difference.
 */
final class Contains {

    private Contains() {
    }

    static boolean contains(JsonNode existing, JsonNode desired) {
        if (desired == null || desired.isNull() || desired.isMissingNode()) {
            return true;
        }
        if (existing == null || existing.isNull() || existing.isMissingNode()) {
            return false;
        }
        if (desired.isObject()) {
            if (!existing.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!contains(existing.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!existing.isArray() || existing.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!contains(existing.get(i), desired.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isNumber() && existing.isNumber()) {
            return desired.decimalValue().compareTo(existing.decimalValue()) == 0;
        }
        return desired.equals(existing);
    }
}
