package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The objective names of {@code --objective}, the band / cross-entropy spec grammar and their refusals. */
class ObjectiveSpecTest {
    @Test
    void objectivesParse() {
        assertEquals(Objective.squaredError(0.5), Objective.parse("squared", 0.5));
        assertEquals(Objective.minimumNorm(0.5), Objective.parse("min-norm", 0.5));
        assertEquals(Objective.pinball(0.9, 0.5), Objective.parse("pinball:0.9", 0.5));
        assertEquals(List.of(0.05, 0.95), Objective.parse("pinball:0.05, 0.95", 0.5).levels());
        assertEquals(Objective.crossEntropy(0.1), Objective.parse("cross-entropy", 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("pinball:1.5", 1));
        assertTrue(e.getMessage().contains("(0, 1)") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("pinball:0.9,0.1", 1));
        assertTrue(e.getMessage().contains("increasing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("hinge", 1));
        assertTrue(e.getMessage().contains("pinball:TAU"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Objective(Objective.Kind.SQUARED_ERROR, 1, List.of(0.5)));
    }

    @Test
    void bandAndCrossEntropySpecsParseAndRoundTrip() {
        for (String t : List.of("width<=0.5", "non-crossing", "xent<=0.7", "xent<=0.7 per-group=region")) {
            ConstraintSpec s = ConstraintSpec.parse(t);
            assertEquals(s, ConstraintSpec.parse(s.text()), t);
        }
        assertEquals(new ConstraintSpec.WidthSpec(0.5), ConstraintSpec.parse("width <= 0.5"));
        assertEquals(new ConstraintSpec.WidthSpec(0.25), ConstraintSpec.parse("width<=0.5").standardized(3, 2));
        assertEquals(new ConstraintSpec.CrossEntropySpec(0.7, "region"), ConstraintSpec.parse("xent<=0.7 per-group=region"));
        ConstraintSpecParseException e = assertThrows(ConstraintSpecParseException.class,
                () -> ConstraintSpec.parse("width<=-1"));
        assertTrue(e.getMessage().contains("non-negative"), e.getMessage());
    }

    @Test
    void familiesRefuseTheWrongObjective() {
        double[][] x = {{0.0}, {1.0}, {2.0}, {3.0}};
        double[][] y1 = {{0.0}, {1.0}, {1.5}, {3.5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConstrainedFit.fit(x, y1, Map.of(),
                List.of(ConstraintSpec.parse("width<=1")), ConstrainedFit.Options.defaults()
                        .withObjective(Objective.pinball(0.5, 0.1))));
        assertTrue(e.getMessage().contains("band"), e.getMessage());
        double[][] y2 = {{0.0, 0.0}, {1.0, 1.0}, {1.5, 1.5}, {3.5, 3.5}};
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedFit.fit(x, y2, Map.of(),
                List.of(ConstraintSpec.parse("width<=1")), ConstrainedFit.Options.defaults()));
        assertTrue(e.getMessage().contains("pinball"), e.getMessage());
        double[][] onehot = {{1.0, 0.0}, {1.0, 0.0}, {0.0, 1.0}, {0.0, 1.0}};
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedFit.fit(x, onehot, Map.of(),
                List.of(ConstraintSpec.parse("xent<=0.5")), ConstrainedFit.Options.defaults()));
        assertTrue(e.getMessage().contains("cross-entropy objective"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedFit.fit(x, y1, Map.of(), List.of(),
                ConstrainedFit.Options.defaults().withObjective(Objective.crossEntropy(0.1))));
        assertTrue(e.getMessage().contains("2 classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedFit.fit(x, y1, Map.of(), List.of(),
                ConstrainedFit.Options.defaults().withObjective(Objective.pinball(0.5, 0.1))
                        .withSolver(Solver.PROJECTION)));
        assertTrue(e.getMessage().contains("--solver admm"), e.getMessage());
    }
}
