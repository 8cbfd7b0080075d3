package org.weir.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the ReservoirPy peer CSV files (header row, numeric columns) for parity tests. */
final class PeerFiles {
    private PeerFiles() {
    }

    /**
     * The ReservoirPy peer folder: {@code weir.peers.dir} if it exists, else the first {@code shared/peers}
     * found walking up from the working directory (a git worktree may sit one level deeper than the repo).
     */
    static Path dir() {
        Path configured = Path.of(System.getProperty("weir.peers.dir", "../../shared/peers"));
        if (Files.isDirectory(configured)) {
            return configured.resolve("reservoirpy");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("peers");
            if (Files.isDirectory(candidate.resolve("reservoirpy"))) {
                return candidate.resolve("reservoirpy");
            }
        }
        return configured.resolve("reservoirpy");
    }

    /** Column {@code col} (0-based) of a peer CSV, parsed independently of CsvReader. */
    static double[] column(String file, int col) throws IOException {
        List<String> lines = Files.readAllLines(dir().resolve(file));
        double[] out = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            out[i - 1] = Double.parseDouble(lines.get(i).split(",")[col]);
        }
        return out;
    }
}
