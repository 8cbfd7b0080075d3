package org.weir.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    static ModelFile.Contents sample() {
        ArrayBundle a = new ArrayBundle();
        a.put("x/values", new double[] {1.5, -0.0, Double.MIN_VALUE, 1e300}, 2, 2);
        a.putInts("x/idx", new int[] {0, 7, -3});
        return new ModelFile.Contents("test", Map.of("units", 5L), a, Map.of("note", "hi"));
    }

    @Test
    void roundTripIsExact() throws Exception {
        Path p = dir.resolve("m.weir");
        ModelFile.write(p, sample());
        ModelFile.Contents c = ModelFile.read(p);
        assertEquals("test", c.kind());
        assertEquals(5L, c.config().get("units"));
        assertEquals("hi", c.metadata().get("note"));
        assertArrayEquals(new double[] {1.5, -0.0, Double.MIN_VALUE, 1e300}, c.arrays().doubles("x/values"), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.arrays().doubles("x/values")[1]));
        assertArrayEquals(new int[] {2, 2}, c.arrays().get("x/values").shape());
        assertArrayEquals(new int[] {0, 7, -3}, c.arrays().ints("x/idx"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void npyHeaderIsNumpysFormat() {
        byte[] b = Npy.write(NdArray.of(new double[] {1, 2, 3}, 3));
        String header = new String(b, 10, b.length - 10 - 24, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), header);
        assertEquals(0, (10 + header.length()) % 64, "header padded to a multiple of 64 bytes");
        assertTrue(header.endsWith("\n"));
        assertEquals((byte) 0x93, b[0]);
        assertEquals(1, b[6]);
        NdArray back = Npy.read(b, "x");
        assertArrayEquals(new double[] {1, 2, 3}, back.doubles(), 0.0);
        NdArray m = Npy.read(Npy.write(NdArray.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 2, 3)), "y");
        assertArrayEquals(new int[] {2, 3}, m.shape());
    }

    @Test
    void truncatedFileIsRejectedWithItsName() throws Exception {
        Path p = dir.resolve("m.weir");
        ModelFile.write(p, sample());
        byte[] all = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.weir");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        Exception e = assertThrows(ModelFile.ModelFileException.class, () -> ModelFile.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void alteredArrayFailsTheChecksum() throws Exception {
        ModelFile.Contents s = sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.writeTo(out, s);
        // rebuild the archive with one array altered but the original manifest
        Map<String, byte[]> entries = unzip(out.toByteArray());
        byte[] arr = entries.get("arrays/x/values.npy");
        arr[arr.length - 1] ^= 1;
        Path p = dir.resolve("altered.weir");
        Files.write(p, zip(entries));
        Exception e = assertThrows(ModelFile.ModelFileException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("checksum mismatch in arrays/x/values.npy"), e.getMessage());
    }

    @Test
    void newerFormatVersionAsksForAnUpgrade() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.writeTo(out, sample());
        Map<String, byte[]> entries = unzip(out.toByteArray());
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8)
                .replace("\"format_version\": 1", "\"format_version\": 99");
        entries.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("new.weir");
        Files.write(p, zip(entries));
        Exception e = assertThrows(ModelFile.ModelFileException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("newer Weir") && e.getMessage().contains("upgrade"), e.getMessage());
    }

    @Test
    void otherFilesAreRejected() throws Exception {
        Path text = dir.resolve("notes.weir");
        Files.writeString(text, "hello");
        assertThrows(ModelFile.ModelFileException.class, () -> ModelFile.read(text));
        Path missing = dir.resolve("missing.weir");
        Exception e = assertThrows(ModelFile.ModelFileException.class, () -> ModelFile.read(missing));
        assertTrue(e.getMessage().contains("no such model file"));
    }

    @Test
    void jsonRoundTripAndErrors() {
        String text = "{\"a\": [1, 2.5, -3e-7, true, null, \"x\\n\\u00e9\"], \"b\": {\"c\": {}}}";
        Object v = Json.parse(text);
        assertEquals(v, Json.parse(Json.write(v)));
        assertEquals(v, Json.parse(Json.writePretty(v)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n \"a\": tru }"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("01"));
    }

    static Map<String, byte[]> unzip(byte[] data) throws Exception {
        Map<String, byte[]> m = new java.util.LinkedHashMap<>();
        try (var z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(data))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                m.put(e.getName(), z.readAllBytes());
            }
        }
        return m;
    }

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
