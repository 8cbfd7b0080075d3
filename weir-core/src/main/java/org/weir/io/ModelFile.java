package org.weir.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .weir} model file: a ZIP archive with {@code manifest.json} (format version, Weir version,
 * model kind, full configuration, SHA-256 of every array entry) and one NumPy {@code .npy} entry per array
 * under {@code arrays/}. Writing goes to a temporary file in the same folder, then an atomic rename, so a
 * crash never leaves a half-written model. Reading verifies the format, the version and every checksum,
 * and fails with a message that names the file and what is wrong. No Java serialization is involved.
 */
public final class ModelFile {
    /** Format version this build writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Version of Weir recorded in every file. */
    public static final String WEIR_VERSION = "0.1.0";
    private static final String MANIFEST = "manifest.json";
    private static final String FORMAT = "weir-model";

    /** What a model file holds: the model kind, its configuration, its arrays and free-form metadata. */
    public record Contents(String kind, Map<String, Object> config, ArrayBundle arrays, Map<String, Object> metadata) {
        public Contents {
            if (kind == null || kind.isBlank()) {
                throw new IllegalArgumentException("model kind must be set");
            }
        }
    }

    private ModelFile() {
    }

    /** Writes the contents to {@code path} atomically (temporary file, then rename). */
    public static void write(Path path, Contents contents) throws IOException {
        AtomicFiles.write(path, os -> writeTo(os, contents));
    }

    /** Writes the archive to a stream (the stream is not closed). */
    public static void writeTo(OutputStream os, Contents contents) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Object> sums = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : contents.arrays().all().entrySet()) {
            String entry = "arrays/" + e.getKey() + ".npy";
            byte[] data = Npy.write(e.getValue());
            entries.put(entry, data);
            sums.put(entry, sha256(data));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("format_version", (long) FORMAT_VERSION);
        manifest.put("weir_version", WEIR_VERSION);
        manifest.put("kind", contents.kind());
        manifest.put("config", contents.config());
        manifest.put("metadata", contents.metadata() == null ? Map.of() : contents.metadata());
        manifest.put("sha256", sums);
        ZipOutputStream zip = new ZipOutputStream(os);
        putEntry(zip, MANIFEST, Json.writePretty(manifest).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            putEntry(zip, e.getKey(), e.getValue());
        }
        zip.finish();
        zip.flush();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry ze = new ZipEntry(name);
        ze.setTime(0L);
        zip.putNextEntry(ze);
        zip.write(data);
        zip.closeEntry();
    }

    /** Reads and verifies a model file; errors name the file. */
    public static Contents read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readFrom(in, path.toString());
        } catch (NoSuchFileException e) {
            throw new ModelFileException(path + ": no such model file");
        }
    }

    /** Reads and verifies a model archive from a stream; {@code source} names it in errors. */
    @SuppressWarnings("unchecked")
    public static Contents readFrom(InputStream in, String source) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry ze;
            while ((ze = zip.getNextEntry()) != null) {
                if (entries.containsKey(ze.getName())) {
                    throw new ModelFileException(source + ": duplicate entry " + ze.getName());
                }
                entries.put(ze.getName(), readAll(zip, source));
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFileException(source + ": not a readable Weir model file (truncated or not a ZIP archive: "
                    + e.getMessage() + ")");
        }
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw new ModelFileException(source + ": not a Weir model file (no manifest.json; the file may be "
                    + "truncated or of another kind)");
        }
        Map<String, Object> manifest;
        try {
            manifest = Json.parseObject(new String(manifestBytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source + ": manifest.json is damaged: " + e.getMessage());
        }
        try {
            if (!FORMAT.equals(manifest.get("format"))) {
                throw new ModelFileException(source + ": manifest says format '" + manifest.get("format")
                        + "', expected '" + FORMAT + "'");
            }
            long version = Json.longInteger(manifest, "format_version");
            if (version > FORMAT_VERSION) {
                throw new ModelFileException(source + ": written by a newer Weir ("
                        + manifest.get("weir_version") + ", format version " + version + "); this Weir "
                        + WEIR_VERSION + " reads format versions up to " + FORMAT_VERSION + ": upgrade Weir");
            }
            if (version < 1) {
                throw new ModelFileException(source + ": invalid format version " + version);
            }
            Map<String, Object> sums = Json.object(manifest, "sha256");
            ArrayBundle arrays = new ArrayBundle();
            for (Map.Entry<String, Object> e : sums.entrySet()) {
                byte[] data = entries.get(e.getKey());
                if (data == null) {
                    throw new ModelFileException(source + ": entry " + e.getKey() + " listed in the manifest is missing");
                }
                if (!sha256(data).equals(e.getValue())) {
                    throw new ModelFileException(source + ": checksum mismatch in " + e.getKey()
                            + " (the file was altered or damaged)");
                }
                String name = e.getKey();
                if (!name.startsWith("arrays/") || !name.endsWith(".npy")) {
                    throw new ModelFileException(source + ": unexpected entry name " + name);
                }
                arrays.add(name.substring(7, name.length() - 4), Npy.read(data, source + "!" + name));
            }
            for (String name : entries.keySet()) {
                if (!name.equals(MANIFEST) && !sums.containsKey(name)) {
                    throw new ModelFileException(source + ": entry " + name + " is not listed in the manifest");
                }
            }
            Object meta = manifest.get("metadata");
            return new Contents(Json.string(manifest, "kind"), Json.object(manifest, "config"), arrays,
                    meta instanceof Map ? (Map<String, Object>) meta : Map.of());
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source + ": " + e.getMessage());
        }
    }

    private static byte[] readAll(InputStream in, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        long total = 0;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > (1L << 31) - 64) {
                throw new ModelFileException(source + ": an entry is larger than 2 GiB");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A model file that cannot be read: the message names the file and the problem. */
    public static final class ModelFileException extends IOException {
        private static final long serialVersionUID = 1L;

        public ModelFileException(String message) {
            super(message);
        }
    }
}
