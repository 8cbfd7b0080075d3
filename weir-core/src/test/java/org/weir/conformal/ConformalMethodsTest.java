package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalMethodsTest {

    @Test
    void parsesEveryNameAndParameters() {
        for (String n : List.of("split", "split-asym", "aci", "agaci", "nexcp", "pid", "rescp")) {
            IntervalMethod m = ConformalMethods.create(n, 0.1);
            assertEquals(n, m.name());
            assertEquals(0.1, m.alpha());
        }
        AdaptiveConformal aci = assertInstanceOf(AdaptiveConformal.class, ConformalMethods.create("aci:gamma=0.02", 0.2));
        assertEquals(0.02, aci.gamma());
        NexCp nex = assertInstanceOf(NexCp.class, ConformalMethods.create("nexcp: rho=0.95, window=100", 0.1));
        assertEquals(0.95, nex.rho());
        ResCp r = assertInstanceOf(ResCp.class,
                ConformalMethods.create("rescp:units=50,tau=0.2,tune=false,recency=inverse-age", 0.1, 3, null));
        assertEquals(50, r.config().units());
        assertEquals(0.2, r.config().tau());
        assertEquals(3, r.config().horizon());
        assertEquals(Recency.INVERSE_AGE, r.config().recency());
        SplittableRandom rnd = new SplittableRandom(1);
        double[][] x = new double[50][3];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rnd.nextGaussian();
            }
            y[i] = x[i][0] + rnd.nextGaussian();
        }
        EnbPi e = assertInstanceOf(EnbPi.class, ConformalMethods.create("enbpi:b=5,block=5", 0.1, 1,
                new ConformalMethods.EnsembleData(x, y)));
        assertEquals(5, e.options().ensembleSize());
        assertEquals(4, ConformalMethods.createAll("split, aci,nexcp,pid", 0.1, 1, null).size());
    }

    @Test
    void rejectsBadSpecificationsWithPreciseMessages() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> ConformalMethods.create("bogus", 0.1));
        assertTrue(e1.getMessage().contains("bogus") && e1.getMessage().contains("rescp"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> ConformalMethods.create("aci:gama=0.1", 0.1));
        assertTrue(e2.getMessage().contains("gama"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> ConformalMethods.create("aci:gamma=2", 0.1));
        assertTrue(e3.getMessage().contains("gamma") && e3.getMessage().contains("2"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> ConformalMethods.create("enbpi", 0.1));
        assertTrue(e4.getMessage().contains("training"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> ConformalMethods.create("split", 1.5));
        assertTrue(e5.getMessage().contains("alpha") && e5.getMessage().contains("1.5"), e5.getMessage());
        var e6 = assertThrows(IllegalArgumentException.class, () -> ConformalMethods.create("rescp:tau=-1", 0.1));
        assertTrue(e6.getMessage().contains("tau"), e6.getMessage());
    }
}
