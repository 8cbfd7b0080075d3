package org.weir.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0 (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * magic {@code \x93NUMPY}, a little-endian header length, a Python-literal header dict
 * ({@code descr}, {@code fortran_order}, {@code shape}) padded to a multiple of 64 bytes, then the raw
 * data. Weir writes {@code <f8} and {@code <i4} in C order and reads the same, so {@code numpy.load}
 * opens every array of a Weir model.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr'\\s*:\\s*'([<>|]?[a-z][0-9]+)'\\s*,\\s*'fortran_order'\\s*:\\s*(True|False)\\s*,"
            + "\\s*'shape'\\s*:\\s*\\(([0-9,\\s]*)\\)\\s*,?\\s*\\}\\s*");

    private Npy() {
    }

    /** Encodes an array as {@code .npy} bytes. */
    public static byte[] write(NdArray a) {
        StringBuilder shape = new StringBuilder("(");
        int[] s = a.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]);
            if (s.length == 1 || i < s.length - 1) {
                shape.append(", ");
            }
        }
        shape.append(')');
        String dict = "{'descr': '" + (a.isDouble() ? "<f8" : "<i4") + "', 'fortran_order': False, 'shape': "
                + shape.toString().replace(", )", ",)") + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int elem = a.isDouble() ? 8 : 4;
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + elem * a.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        if (a.isDouble()) {
            for (double d : a.doubles()) {
                buf.putDouble(d);
            }
        } else {
            for (int v : a.ints()) {
                buf.putInt(v);
            }
        }
        return buf.array();
    }

    /**
     * Decodes {@code .npy} bytes holding little-endian f8 or i4 data in C order.
     *
     * @param name the entry's name, for error messages
     */
    public static NdArray read(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new IllegalArgumentException(name + ": too short for a .npy array");
        }
        for (byte b : MAGIC) {
            if (buf.get() != b) {
                throw new IllegalArgumentException(name + ": not a .npy array (bad magic)");
            }
        }
        int major = buf.get();
        buf.get();
        int headerLen;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort());
        } else if (major == 2 || major == 3) {
            headerLen = buf.getInt();
        } else {
            throw new IllegalArgumentException(name + ": unsupported .npy version " + major);
        }
        if (headerLen < 0 || buf.position() + headerLen > bytes.length) {
            throw new IllegalArgumentException(name + ": truncated .npy header");
        }
        String header = new String(bytes, buf.position(), headerLen, StandardCharsets.ISO_8859_1);
        buf.position(buf.position() + headerLen);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": unreadable .npy header " + header.trim());
        }
        String descr = m.group(1);
        if (m.group(2).equals("True")) {
            throw new IllegalArgumentException(name + ": Fortran-order arrays are not supported");
        }
        String[] parts = m.group(3).split(",");
        int dims = 0;
        int[] shapeTmp = new int[parts.length];
        long count = 1;
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            shapeTmp[dims] = Integer.parseInt(t);
            count *= shapeTmp[dims];
            dims++;
        }
        int[] shape = java.util.Arrays.copyOf(shapeTmp, dims);
        boolean isDouble = descr.equals("<f8") || descr.equals("f8");
        boolean isInt = descr.equals("<i4") || descr.equals("i4");
        if (!isDouble && !isInt) {
            throw new IllegalArgumentException(name + ": dtype " + descr + " is not supported (expected <f8 or <i4)");
        }
        int elem = isDouble ? 8 : 4;
        if (count > Integer.MAX_VALUE || buf.remaining() != count * elem) {
            throw new IllegalArgumentException(name + ": data holds " + buf.remaining() + " bytes, shape needs "
                    + count * elem);
        }
        if (isDouble) {
            double[] d = new double[(int) count];
            buf.asDoubleBuffer().get(d);
            return new NdArray(shape, d, null);
        }
        int[] v = new int[(int) count];
        buf.asIntBuffer().get(v);
        return new NdArray(shape, null, v);
    }

    static byte[] toBytes(ByteArrayOutputStream out) {
        return out.toByteArray();
    }
}
