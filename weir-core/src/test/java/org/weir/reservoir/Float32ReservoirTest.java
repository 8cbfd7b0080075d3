package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weir.data.MackeyGlass;
import org.weir.linalg.CsrMatrix;
import org.weir.linalg.Precision;
import org.weir.metrics.Metrics;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.model.Sequence;
import org.weir.readout.RidgeReadout;

/** {@link Precision#FLOAT32} reservoirs: rounded weights, bounded state error, same forecasts, exact files. */
class Float32ReservoirTest {
    @TempDir
    Path dir;

    static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    static EchoStateConfig.Builder config(Precision p) {
        return EchoStateReservoir.builder().units(500).spectralRadius(1.25).leakRate(0.3).seed(7).precision(p);
    }

    @Test
    void weightsAreTheRoundedDoubleWeightsAndStatesStayClose() {
        EchoStateReservoir dbl = config(Precision.FLOAT64).build(1);
        EchoStateReservoir sgl = config(Precision.FLOAT32).build(1);
        CsrMatrix wd = dbl.recurrentMatrix();
        CsrMatrix ws = sgl.recurrentMatrix();
        assertTrue(ws.isFloatExact());
        assertArrayEquals(wd.roundedToFloat().values(), ws.values(), 0.0, "W is the double W rounded to float");
        assertArrayEquals(dbl.inputMatrix(), sgl.inputMatrix(), 0.0, "W_in is not rounded");

        double[] u = MackeyGlass.xNorm(MackeyGlass.standard().generate(3000));
        ReservoirState a = dbl.newState();
        ReservoirState b = sgl.newState();
        ReservoirState c = config(Precision.FLOAT32).build(1).newState();
        EchoStateReservoir sgl2 = config(Precision.FLOAT32).build(1);
        double worst = 0;
        double scale = 0;
        for (double v : u) {
            double[] in = {v};
            dbl.step(a, in, null);
            sgl.step(b, in, null);
            sgl2.step(c, in, null);
            for (int i = 0; i < 500; i++) {
                worst = Math.max(worst, Math.abs(a.values()[i] - b.values()[i]));
                scale = Math.max(scale, Math.abs(a.values()[i]));
            }
        }
        assertArrayEquals(b.values(), c.values(), 0.0, "same seed, same numbers");
        System.out.printf("float32 vs float64 weights, N=500, 3000 MG steps: max state difference %.3e (max |x| %.3f)%n",
                worst, scale);
        // weight rounding is 2^-24 relative; with the echo state property the state error stays near it
        assertTrue(worst > 0 && worst < 1e-5, "max state difference " + worst);
    }

    @Test
    void forecastsMatchDoublePrecisionAndModelFilesKeepThePrecision() throws Exception {
        double[] u = MackeyGlass.xNorm(MackeyGlass.standard().generate(4000));
        double[][] x = column(u);
        Sequence train = Sequence.shifted(x, x, 1, 0, 3000);
        Sequence test = Sequence.shifted(x, x, 1, 3000, 3999);
        ForecastModel md = Forecaster.of(config(Precision.FLOAT64).build(1), RidgeReadout.withRidge(1e-7))
                .warmup(100).fit(train);
        ForecastModel ms = Forecaster.of(config(Precision.FLOAT32).build(1), RidgeReadout.withRidge(1e-7))
                .warmup(100).fit(train);
        double ed = Metrics.nrmse(test.targets(), md.predict(test.inputs()));
        double es = Metrics.nrmse(test.targets(), ms.predict(test.inputs()));
        System.out.printf("MG one-step NRMSE, N=500: float64 weights %.6f, float32 weights %.6f%n", ed, es);
        assertEquals(ed, es, 0.02 * ed, "float32 weights change the forecast error by under 2 %");

        Path p = dir.resolve("f32.weir");
        ms.save(p);
        ForecastModel back = ForecastModel.load(p);
        EchoStateReservoir r = (EchoStateReservoir) back.reservoir();
        assertEquals(Precision.FLOAT32, r.config().precision());
        assertTrue(java.util.Arrays.deepEquals(ms.predict(test.inputs()), back.predict(test.inputs())));
    }

    @Test
    void configurationMapCarriesPrecisionAndOldMapsMeanDouble() {
        EchoStateConfig c = config(Precision.FLOAT32).config();
        assertEquals("float32", c.toMap().get("precision"));
        assertEquals(c, EchoStateConfig.fromMap(c.toMap()));
        Map<String, Object> old = new java.util.LinkedHashMap<>(c.toMap());
        old.remove("precision");
        assertEquals(Precision.FLOAT64, EchoStateConfig.fromMap(old).precision());
    }
}
