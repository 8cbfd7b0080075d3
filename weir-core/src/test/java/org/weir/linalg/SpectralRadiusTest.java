package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.weir.reservoir.WeightDistribution;
import org.weir.reservoir.init.RecurrentMatrices;

class SpectralRadiusTest {

    @ParameterizedTest(name = "seed {0}, n {1}, density {2}")
    @CsvSource({"1,160,0.1", "2,200,0.05", "3,300,0.1", "4,400,0.02", "5,250,1.0", "6,180,0.2", "7,350,0.1"})
    void arnoldiMatchesDenseEigenSolver(long seed, int n, double density) {
        CsrMatrix a = RecurrentMatrices.randomSparse(n, n, density, WeightDistribution.NORMAL, new SplittableRandom(seed));
        double exact = SpectralRadius.ofDense(a.toDense());
        double arnoldi = SpectralRadius.of(a);
        assertEquals(exact, arnoldi, 1e-6 * exact, "seed " + seed + ": Arnoldi vs dense eigenvalues");
    }

    /**
     * Reservoir-sized random matrices: the circular law packs many eigenvalues near the spectral radius, the
     * hard case for Krylov methods (an explicitly filtered restart drifted here and stopped 1e-4 off at N=3000).
     */
    @ParameterizedTest(name = "seed {0}, n {1}")
    @CsvSource({"21,600", "22,700", "23,500"})
    void crowdedReservoirSpectraMatchDenseTightly(long seed, int n) {
        CsrMatrix a = RecurrentMatrices.randomSparse(n, n, 0.1, WeightDistribution.NORMAL, new SplittableRandom(seed));
        double exact = SpectralRadius.ofDense(a.toDense());
        assertEquals(exact, SpectralRadius.of(a), 1e-9 * exact, "seed " + seed + ", n " + n);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13"})
    void uniformWeightsAndSmallMatricesMatchDense(long seed) {
        for (int n : new int[] {1, 2, 17, 150, 151}) {
            CsrMatrix a = RecurrentMatrices.randomSparse(n, n, 0.3, WeightDistribution.UNIFORM, new SplittableRandom(seed));
            double exact = SpectralRadius.ofDense(a.toDense());
            assertEquals(exact, SpectralRadius.of(a), 1e-6 * Math.max(exact, 1e-300), "seed " + seed + ", n " + n);
        }
    }

    @Test
    void knownSpectra() {
        // a cycle of weight r has eigenvalues r * (n-th roots of unity)
        assertEquals(0.7, SpectralRadius.of(RecurrentMatrices.ring(500, 0.7)), 1e-9);
        // (a delay line is nilpotent: rho = 0 exactly, but eigenvalues of a Jordan block are ill-conditioned,
        // |lambda| ~ eps^(1/n), for every numerical eigen-solver; the reservoir builder knows rho = 0 analytically)
        // diagonal matrix: the largest absolute entry
        int n = 200;
        int[] idx = new int[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            v[i] = (i % 2 == 0 ? 1 : -1) * (i + 1) / (double) n;
        }
        assertEquals(1.0, SpectralRadius.of(CsrMatrix.fromTriplets(n, n, idx, idx, v)), 1e-9);
        // 2x2 rotation-scaling with complex eigenvalues 0.6 +- 0.8i (modulus 1)
        assertEquals(1.0, SpectralRadius.ofDense(new double[][] {{0.6, -0.8}, {0.8, 0.6}}), 1e-14);
    }

    @Test
    void rejectsNonSquare() {
        CsrMatrix a = CsrMatrix.fromDense(new double[][] {{1, 2, 3}});
        assertThrows(IllegalArgumentException.class, () -> SpectralRadius.of(a));
    }
}
