package org.weir.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A settings file given with {@code --config FILE}: a flat YAML or JSON object (chosen by the {@code .json}
 * extension; YAML otherwise) whose keys are the snake_case names of the reservoir flags
 * ({@code units, spectral_radius, leak_rate, input_scaling, bias_scaling, connectivity, in_degree,
 * input_connectivity, activation, topology, seed}) plus {@code reservoir, ridge, warmup}. Dashes in keys
 * are read as underscores. An unknown key is an error naming the key and the file; flags on the command
 * line override the file.
 */
public final class ConfigFile {
    /** Every key a settings file may hold. */
    public static final Set<String> KEYS = keys();

    private static Set<String> keys() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>(ReservoirSpec.allKeys());
        s.add("ridge");
        s.add("warmup");
        return Collections.unmodifiableSet(s);
    }

    private final Path path;
    private final Map<String, Object> values;

    private ConfigFile(Path path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** No file: every lookup is empty. */
    public static ConfigFile none() {
        return new ConfigFile(null, Map.of());
    }

    /**
     * Reads and checks a settings file.
     *
     * @throws CliError (data) when the file is missing or unreadable, not an object, or holds an unknown key
     *         or a value of the wrong type
     */
    public static ConfigFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw CliError.data("config file " + path + " does not exist");
        }
        boolean json = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        Object parsed;
        try {
            parsed = mapper.readValue(Files.readAllBytes(path), Object.class);
        } catch (NoSuchFileException e) {
            throw CliError.data("config file " + path + " does not exist");
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw CliError.data("config file " + path + " is not valid " + (json ? "JSON" : "YAML") + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliError.data("cannot read config file " + path + ": " + e.getMessage(), e);
        }
        if (parsed == null) {
            return new ConfigFile(path, Map.of());
        }
        if (!(parsed instanceof Map<?, ?> raw)) {
            throw CliError.data("config file " + path + " must hold an object of settings (key: value), not a "
                    + (parsed instanceof List ? "list" : "single value"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = String.valueOf(e.getKey()).trim().replace('-', '_').toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw CliError.data("config file " + path + ": unknown setting '" + e.getKey() + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
            values.put(key, e.getValue());
        }
        ConfigFile file = new ConfigFile(path, Collections.unmodifiableMap(values));
        file.checkTypes();
        return file;
    }

    private void checkTypes() {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            switch (key) {
                case "reservoir" -> string(key);
                case "warmup" -> integer(key);
                case "input_scaling" -> {
                    if (e.getValue() instanceof List<?>) {
                        numbers(key);
                    } else {
                        number(key);
                    }
                }
                default -> {
                    if (ReservoirSpec.INTEGER_KEYS.contains(key)) {
                        integer(key);
                    } else if (ReservoirSpec.TEXT_KEYS.contains(key)) {
                        string(key);
                    } else {
                        number(key);
                    }
                }
            }
        }
    }

    /** The file, or null when none was given. */
    public Path path() {
        return path;
    }

    /** Whether the value under key is a list. */
    public boolean isList(String key) {
        return values.get(key) instanceof List<?>;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The number under key (key must be present). */
    public double number(String key) {
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, "a number", v);
    }

    /** The whole number under key (key must be present). */
    public long integer(String key) {
        Object v = values.get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw wrongType(key, "a whole number", v);
    }

    /** The text under key (key must be present). */
    public String string(String key) {
        Object v = values.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(key, "text", v);
    }

    /** The list of numbers under key (key must be present). */
    public double[] numbers(String key) {
        Object v = values.get(key);
        if (v instanceof List<?> l && !l.isEmpty()) {
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw wrongType(key, "a list of numbers", v);
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw wrongType(key, "a non-empty list of numbers", v);
    }

    private CliError wrongType(String key, String expected, Object found) {
        return CliError.data("config file " + path + ": setting '" + key + "' must be " + expected + ", got "
                + (found == null ? "nothing" : "'" + found + "'"));
    }
}
