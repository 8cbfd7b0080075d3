package org.weir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Access to the ReservoirPy reference data in {@code ../shared/peers} for tests. */
public final class Peers {
    private Peers() {
    }

    /** The peers folder (system property {@code weir.peers.dir}, set by the build). */
    public static Path dir() {
        Path p = Path.of(System.getProperty("weir.peers.dir", "../../shared/peers"));
        if (!Files.isDirectory(p)) {
            p = Path.of("../../shared/peers");
        }
        return p;
    }

    public static Path reservoirpy(String name) {
        return dir().resolve("reservoirpy").resolve(name);
    }

    /** All numeric rows of a headerless CSV (or with a header when skipHeader). */
    public static double[][] csv(Path file, boolean skipHeader) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = skipHeader ? 1 : 0;
        double[][] out = new double[lines.size() - start][];
        for (int i = start; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Double.parseDouble(cells[j]);
            }
            out[i - start] = row;
        }
        return out;
    }

    /** One column of the Mackey-Glass peer file (0 = t, 1 = x, 2 = x_norm). */
    public static double[] mackeyGlass(int column) throws IOException {
        double[][] rows = csv(reservoirpy("mackey_glass.csv"), true);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][column];
        }
        return out;
    }
}
