package org.weir.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the one JSON object a command prints with {@code --json}. Values may be numbers, strings,
 * booleans, lists, maps and primitive arrays; non-finite doubles (NaN, infinities) become {@code null}
 * because JSON has no spelling for them.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    /** The object as one line of JSON. */
    public static String write(Map<String, ?> object) {
        try {
            return MAPPER.writeValueAsString(sanitize(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Object sanitize(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? f : null;
        }
        if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (double x : a) {
                l.add(sanitize(x));
            }
            return l;
        }
        if (v instanceof int[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (int x : a) {
                l.add(x);
            }
            return l;
        }
        if (v instanceof long[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (long x : a) {
                l.add(x);
            }
            return l;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), sanitize(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(sanitize(x));
            }
            return out;
        }
        if (v instanceof java.nio.file.Path p) {
            return p.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        return v;
    }
}
