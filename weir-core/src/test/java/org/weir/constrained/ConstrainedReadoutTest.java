package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weir.data.MackeyGlass;
import org.weir.data.TimeSeries;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.model.Sequence;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateReservoir;

/**
 * A constrained readout inside a standardized forecaster: the bound is given in the target's own units,
 * converted with {@link ConstraintSpec#standardized}, met on every training row in those units, and the
 * certificate travels into the model file.
 */
class ConstrainedReadoutTest {
    @TempDir
    Path dir;

    @Test
    void perSampleBoundInOriginalUnitsThroughAForecaster() throws Exception {
        double[] raw = new MackeyGlass().generate(1400);
        double[] x = new double[raw.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 300 + 50 * raw[i]; // far from unit scale: the conversion matters
        }
        TimeSeries s = TimeSeries.of("x", x);
        Sequence train = Sequence.shifted(s, List.of("x"), List.of("x"), 1, 0, 1200);
        EchoStateReservoir res = EchoStateReservoir.builder().units(60).spectralRadius(1.0).leakRate(0.3)
                .seed(3).build(1);
        int warmup = 50;
        ForecastModel ridge = Forecaster.of(res, RidgeReadout.withRidge(1e-6)).warmup(warmup).standardize(true)
                .fit(train);
        double ridgeMax = maxTrainError(ridge, train, warmup);
        double eps = 0.8 * ridgeMax;
        double std = ridge.targetScale().std()[0];
        double mean = ridge.targetScale().mean()[0];
        ConstraintSpec spec = ConstraintSpec.parse("abs-error<=" + eps + " per-sample").standardized(mean, std);
        ConstrainedReadout ro = new ConstrainedReadout(List.of(spec), ConstrainedFit.Options.defaults(), Map.of());
        ForecastModel constrained = Forecaster.of(res, ro).warmup(warmup).standardize(true).fit(train);
        double fl = maxTrainError(constrained, train, warmup);
        System.out.printf("training max |error|: ridge %.4g, feasible learning %.4g (bound %.4g)%n", ridgeMax, fl, eps);
        assertTrue(fl <= eps * (1 + 1e-6), "max error " + fl + " exceeds the bound " + eps);
        @SuppressWarnings("unchecked")
        Map<String, Object> cert = (Map<String, Object>) constrained.metadata().get("readout_fit");
        assertEquals("CERTIFIED", String.valueOf(cert.get("status")).toUpperCase(java.util.Locale.ROOT));
        Path p = dir.resolve("fl.weir");
        constrained.save(p);
        ForecastModel back = ForecastModel.load(p);
        assertEquals(String.valueOf(cert.get("status")),
                String.valueOf(((Map<?, ?>) back.metadata().get("readout_fit")).get("status")));
        assertEquals(List.of("abs-error<=" + (eps / std) + " per-sample"),
                ((Map<?, ?>) org.weir.io.ModelFile.read(p).config().get("readout")).get("constraints"));
    }

    static double maxTrainError(ForecastModel m, Sequence train, int warmup) {
        ForecastModel.Session s = m.newSession();
        double worst = 0;
        for (int t = 0; t < train.length(); t++) {
            double p = s.observe(train.inputs()[t])[0];
            if (t >= warmup) {
                worst = Math.max(worst, Math.abs(p - train.targets()[t][0]));
            }
        }
        return worst;
    }

    @Test
    void standardizedBoundsConvertUnits() {
        assertEquals(ConstraintSpec.parse("abs-error<=0.5"), ConstraintSpec.parse("abs-error<=2").standardized(10, 4));
        assertEquals(ConstraintSpec.parse("mse<=0.25 per-group=g"), ConstraintSpec.parse("mse<=4 per-group=g").standardized(1, 4));
        assertEquals(ConstraintSpec.parse("output in [-1,2]"), ConstraintSpec.parse("output in [8,14]").standardized(10, 2));
        assertEquals(ConstraintSpec.parse("weights>=0"), ConstraintSpec.parse("weights>=0").standardized(10, 2));
    }
}
