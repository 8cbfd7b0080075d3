package org.weir.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weir.data.MackeyGlass;
import org.weir.data.TimeSeries;
import org.weir.linalg.Precision;
import org.weir.metrics.Metrics;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.model.Sequence;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateReservoir;

/** The README's Java quick start, verbatim between the markers, so the documented code always compiles and works. */
class QuickStartTest {
    @TempDir
    Path dir;

    @Test
    void readmeQuickStartRuns() throws Exception {
        Path modelFile = dir.resolve("mg.weir");
        // --- README quick start begins
        TimeSeries mg = TimeSeries.of("x", MackeyGlass.xNorm(new MackeyGlass().generate(10_000)));
        List<String> x = List.of("x");
        Sequence train = Sequence.shifted(mg, x, x, 1, 0, 8_000);    // input row r, target row r+1
        Sequence test = Sequence.shifted(mg, x, x, 1, 8_000, 9_999);

        var reservoir = EchoStateReservoir.builder()
                .units(500).spectralRadius(1.25).leakRate(0.3)
                .inputScaling(1.0).connectivity(0.1).seed(42)
                .build(1);
        ForecastModel model = Forecaster.of(reservoir, RidgeReadout.withRidge(1e-6))
                .warmup(100)
                .fit(train);                                          // ridge from streamed statistics
        double[][] forecast = model.predict(test.inputs());           // continues from the training state
        System.out.printf("NRMSE %.5f, effective spectral radius %.3f%n",
                Metrics.nrmse(test.targets(), forecast), reservoir.effectiveSpectralRadius());
        double[][] future = model.generate(test.inputs(), 300);       // closed loop: outputs fed back
        model.save(modelFile);                                        // ZIP + manifest.json + .npy arrays
        // --- README quick start ends
        assertTrue(Metrics.nrmse(test.targets(), forecast) < 0.02);
        assertEquals(300, future.length);
        assertTrue(java.util.Arrays.deepEquals(forecast, ForecastModel.load(modelFile).predict(test.inputs())));
    }

    @Test
    void readmeManySequencesRuns() {
        TimeSeries mg = TimeSeries.of("x", MackeyGlass.xNorm(new MackeyGlass().generate(10_000)));
        List<String> x = List.of("x");
        Sequence train = Sequence.shifted(mg, x, x, 1, 0, 8_000);
        List<double[][]> series = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            series.add(java.util.Arrays.copyOfRange(train.inputs(), 100 * i, 100 * i + 150));
        }
        // --- README many sequences begins
        var reservoir = EchoStateReservoir.builder()
                .units(500).spectralRadius(1.25).leakRate(0.3).seed(42)
                .precision(Precision.FLOAT32)                         // weights rounded to float: 6 bytes per weight
                .build(1);
        ForecastModel model = Forecaster.of(reservoir, RidgeReadout.withRidge(1e-6))
                .warmup(100)
                .fit(train);                                          // reservoir and X^T X overlap on two cores
        List<double[][]> forecasts = model.predictEach(series);       // each series from a zero state, batched
        List<double[][]> futures = model.generateEach(series, 50);    // each warmed up on its series, then free-running
        // --- README many sequences ends
        assertEquals(series.size(), forecasts.size());
        for (int i = 0; i < series.size(); i++) {
            ForecastModel.Session session = model.newSession();
            for (int t = 0; t < 150; t++) {
                assertTrue(java.util.Arrays.equals(session.observe(series.get(i)[t]), forecasts.get(i)[t]));
            }
            assertEquals(50, futures.get(i).length);
        }
    }
}
