package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.weir.Peers;
import org.weir.metrics.Metrics;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.readout.RidgeReadout;

/** Shared task code of the research-reservoir tests: NARMA-10 from the peer file and model-file round trips. */
final class ResearchTasks {
    private ResearchTasks() {
    }

    /** NARMA-10 task rows of {@code peers/reservoirpy/narma10.csv}: column 1 = u, column 2 = y, from row 10. */
    static double[][] narmaRows() throws Exception {
        return Peers.csv(Peers.reservoirpy("narma10.csv"), true);
    }

    /**
     * NRMSE of a standardized ridge forecaster on NARMA-10: train on task rows [0, 2000) (warm-up 100),
     * test on the next 1000 rows continuing the state.
     */
    static double narmaNrmse(Reservoir res, double[][] rows) {
        int start = 10;
        int train = 2000;
        int test = 1000;
        double[][] u = new double[train + test][1];
        double[][] y = new double[train + test][1];
        for (int i = 0; i < train + test; i++) {
            u[i][0] = rows[start + i][1];
            y[i][0] = rows[start + i][2];
        }
        ForecastModel m = Forecaster.of(res, RidgeReadout.withRidge(1e-6)).warmup(100).standardize(true)
                .fit(Arrays.copyOfRange(u, 0, train), Arrays.copyOfRange(y, 0, train));
        return Metrics.nrmse(Arrays.copyOfRange(y, train, train + test),
                m.predict(Arrays.copyOfRange(u, train, train + test)));
    }

    /** The NARMA inputs of the training rows, standardized (mean 0.25, std 0.5/sqrt(12)), as an adaptation drive. */
    static double[][] narmaTrainingDrive(double[][] rows, int length) {
        double[][] drive = new double[length][1];
        for (int i = 0; i < length; i++) {
            drive[i][0] = (rows[10 + i][1] - 0.25) / (0.5 / Math.sqrt(12));
        }
        return drive;
    }

    /** i.i.d. U[-1, 1) inputs. */
    static double[][] uniform(int length, int dim, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] out = new double[length][dim];
        for (double[] row : out) {
            for (int j = 0; j < dim; j++) {
                row[j] = r.nextDouble(-1, 1);
            }
        }
        return out;
    }

    /**
     * Fits a forecaster (one-step ahead on a smooth two-dimensional signal), saves it, loads it and checks that
     * the loaded model predicts bit-identically and describes the same reservoir.
     */
    static void assertRoundTrip(Reservoir res, Path dir) throws Exception {
        int d = res.inputDimension();
        int t = 300;
        double[][] in = new double[t][d];
        double[][] out = new double[t][1];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                in[i][j] = Math.sin(0.1 * i + j);
            }
            out[i][0] = Math.sin(0.1 * (i + 1));
        }
        ForecastModel m = Forecaster.of(res, RidgeReadout.withRidge(1e-6)).warmup(20).fit(in, out);
        Path file = dir.resolve(res.kind() + ".weir");
        m.save(file);
        ForecastModel back = ForecastModel.load(file);
        assertEquals(res.kind(), back.reservoir().kind());
        assertEquals(org.weir.io.Json.write(res.describe()), org.weir.io.Json.write(back.reservoir().describe()));
        double[][] test = new double[50][d];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < d; j++) {
                test[i][j] = Math.cos(0.07 * i + j);
            }
        }
        double[][] p1 = m.predict(test);
        double[][] p2 = back.predict(test);
        for (int i = 0; i < p1.length; i++) {
            assertArrayEquals(p1[i], p2[i], 0.0, "prediction " + i + " differs after load");
        }
        assertEquals(true, Files.size(file) > 0);
    }
}
