package io.graylane.bookinfo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotSupportedException;
import java.io.IOException;

/**
 * A JSON body that may be left out: {@code curl -X POST} with nothing means every default. A body that is
 * there must be JSON and is read as strictly as any other (rest-support's StrictJson, unknown fields refused).
 */
@Singleton
public class OptionalBody {

    private final ObjectMapper mapper;

    OptionalBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as {@code type}; null when there is none. */
    public <T> T read(String contentType, byte[] body, Class<T> type) throws JsonProcessingException {
        if (body == null || new String(body).isBlank()) {
            return null;
        }
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            throw new NotSupportedException("the body must be application/json, not " + contentType);
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
