package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.weir.io.Json;

/** The constraint grammar, its error messages, the solver names and the certificate's JSON form. */
class ConstraintSpecTest {

    @Test
    void parsesTheIssueExamples() {
        ConstraintSpec a = ConstraintSpec.parse("abs-error<=0.05 per-sample");
        assertEquals(new ConstraintSpec.LossBoundSpec("abs-error", 0.05, ConstraintSpec.Scope.PER_SAMPLE, null,
                Double.POSITIVE_INFINITY), a);
        ConstraintSpec b = ConstraintSpec.parse("mse<=0.01 per-group=COLUMN");
        assertEquals(new ConstraintSpec.LossBoundSpec("mse", 0.01, ConstraintSpec.Scope.PER_GROUP, "COLUMN",
                Double.POSITIVE_INFINITY), b);
        assertEquals(new ConstraintSpec.OutputSpec(0, 1, false), ConstraintSpec.parse("output in [0,1]"));
        assertEquals(new ConstraintSpec.NormSpec(NormBudget.Norm.L1, 5), ConstraintSpec.parse("l1<=5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abs-error<=0.05 per-sample", "abs-error<=0.05", "mse<=0.01 per-group=region",
            "mse<=0.02 per-sample", "mse<=0.3", "mse<=0.3 mean", "output in [0,1]", "output in [-1.5, 2e-1] robust",
            "l1<=5", "l2<=1e3", "parity<=0.1 per-group=sex", "weights>=0", "weights monotone",
            "abs-error<=0.1 per-sample resilient=10", "  ABS-ERROR <= 0.05   PER-SAMPLE  "})
    void canonicalTextParsesBackToTheSameSpec(String text) {
        ConstraintSpec s = ConstraintSpec.parse(text);
        assertEquals(s, ConstraintSpec.parse(s.text()), s.text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abs-eror<=0.05|0|a constraint",
        "abs-error 0.05|10|'<='",
        "abs-error<=x|11|a non-negative number",
        "abs-error<=-1|11|a non-negative number",
        "abs-error<=0.05 per-smaple|16|per-sample, per-group=COLUMN",
        "mse<=0.01 per-group=|20|a group column name",
        "output in [1,0]|13|an upper bound >= the lower bound",
        "output in [0 1]|13|','",
        "output [0,1]|7|'in'",
        "output in [0,1|14|']'",
        "weights<=0|7|'>=0' or 'monotone'",
        "l1<=5 extra|6|end of constraint",
        "abs-error<=0.1 per-group=g|15|per-sample scope for abs-error",
        "parity<=0.1|11|per-group=COLUMN",
        "mse<=0.1 resilient=0|19|a positive number"})
    void errorsNamePositionAndExpectation(String text, int position, String expected) {
        ConstraintSpecParseException e = assertThrows(ConstraintSpecParseException.class,
                () -> ConstraintSpec.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.expected().startsWith(expected), e.expected());
        assertTrue(e.getMessage().contains("position " + position) && e.getMessage().contains("^"), e.getMessage());
    }

    @Test
    void solverNames() {
        assertEquals(Solver.DUAL_ASCENT, Solver.parse("dual-ascent"));
        assertEquals(Solver.ADMM, Solver.parse("ADMM"));
        assertEquals(Solver.AUGMENTED, Solver.parse("augmented"));
        assertEquals(Solver.PROJECTION, Solver.parse("projection"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Solver.parse("newton"));
        assertTrue(e.getMessage().contains("dual-ascent|admm|augmented"), e.getMessage());
    }

    @Test
    void bindingChecksGroupColumns() {
        TestProblems.Data d = TestProblems.regression(1, 20, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConstrainedFit.fit(d.x(), d.y(), Map.of("a", new int[20]),
                        List.of(ConstraintSpec.parse("mse<=0.1 per-group=b")), ConstrainedFit.Options.defaults()));
        assertTrue(e.getMessage().contains("'b' not found") && e.getMessage().contains("[a]"), e.getMessage());
    }

    @Test
    void solversRefuseFamiliesTheyCannotHandle() {
        TestProblems.Data d = TestProblems.regression(1, 20, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConstrainedFit.fit(d.x(), d.y(), Map.of(), List.of(ConstraintSpec.parse("l1<=1")),
                        ConstrainedFit.Options.defaults()));
        assertTrue(e.getMessage().contains("l1<=1.0") && e.getMessage().contains("admm"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConstrainedFit.fit(d.x(), d.y(), Map.of(), List.of(ConstraintSpec.parse("mse<=0.1")),
                        ConstrainedFit.Options.defaults().withSolver(Solver.PROJECTION)));
        assertThrows(IllegalArgumentException.class,
                () -> ConstrainedFit.fit(d.x(), d.y(), Map.of(), List.of(ConstraintSpec.parse("mse<=0.1 resilient=2")),
                        ConstrainedFit.Options.defaults().withSolver(Solver.ADMM)));
    }

    @Test
    void optionsAreValidatedWithNameValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SolverOptions.builder().feasibilityTolerance(-1).build());
        assertTrue(e.getMessage().contains("feasibilityTolerance") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SolverOptions.builder().nuPi(0, 1, 1.0).build());
        assertTrue(e.getMessage().contains("nuPiEma") && e.getMessage().contains("[0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Objective.minimumNorm(0));
        assertTrue(e.getMessage().contains("ridge"), e.getMessage());
    }

    @Test
    void certificateMapIsJsonWithTheRequiredKeys() {
        TestProblems.Data d = TestProblems.regression(3, 60, 3);
        double cheb = OjAlgoReference.chebyshev(d.x(), d.y1());
        Certificate ok = ConstrainedFit.fit(d.x(), d.y(), Map.of(), List.of(ConstraintSpec.parse("abs-error<=" + 1.2 * cheb)),
                ConstrainedFit.Options.defaults()).certificate();
        Map<String, Object> m = Json.parseObject(Json.write(ok.toMap()));
        for (String key : List.of("status", "objective", "dual_bound", "gap", "max_violation", "iterations", "seconds",
                "families", "log")) {
            assertTrue(m.containsKey(key), key);
        }
        assertEquals("CERTIFIED", m.get("status"));
        assertEquals(ok.objective(), ((Number) m.get("objective")).doubleValue(), 0.0);
        assertTrue(!m.containsKey("eps_star"));
        assertInstanceOf(List.class, m.get("log"));
        assertEquals(ok.log().size(), ((List<?>) m.get("log")).size());
        Certificate bad = ConstrainedFit.fit(d.x(), d.y(), Map.of(), List.of(ConstraintSpec.parse("abs-error<=" + 0.5 * cheb)),
                ConstrainedFit.Options.defaults()).certificate();
        Map<String, Object> mb = Json.parseObject(Json.write(bad.toMap()));
        assertEquals("INFEASIBLE_SUSPECTED", mb.get("status"));
        assertEquals(bad.epsStar(), ((Number) mb.get("eps_star")).doubleValue(), 0.0);
    }
}
