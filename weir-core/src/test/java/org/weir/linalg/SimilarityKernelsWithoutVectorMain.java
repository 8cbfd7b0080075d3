package org.weir.linalg;

/**
 * Run by {@link SimilarityKernelsWithoutVectorTest} in a JVM without {@code jdk.incubator.vector}: the similarity
 * kernels must load and compute on their scalar path.
 */
public final class SimilarityKernelsWithoutVectorMain {
    private SimilarityKernelsWithoutVectorMain() {
    }

    public static void main(String[] args) {
        if (VectorSupport.ENABLED) {
            throw new AssertionError("VectorSupport.ENABLED is true without the module");
        }
        int n = 11;
        int k = 3;
        double[] panels = new double[SimilarityKernels.panelLength(n, k)];
        float[] panelsF = new float[panels.length];
        double[] q = {0.5, -1.0, 2.0};
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < k; j++) {
                panels[SimilarityKernels.index(s, j, k)] = s + j; // key s = (s, s+1, s+2)
                panelsF[SimilarityKernels.index(s, j, k)] = s + j;
            }
        }
        double[] scores = new double[16];
        double[] scoresF = new double[16];
        double max = SimilarityKernels.scores(panels, n, k, q, scores);
        double maxF = SimilarityKernels.scores(panelsF, n, k, q, scoresF);
        for (int s = 0; s < n; s++) {
            double expect = 0.5 * s - (s + 1) + 2.0 * (s + 2); // 1.5 s + 3, exact in binary
            if (scores[s] != expect || scoresF[s] != expect) {
                throw new AssertionError("score " + s + " = " + scores[s] + " / " + scoresF[s] + ", expected " + expect);
            }
        }
        if (max != 18.0 || maxF != 18.0) {
            throw new AssertionError("max " + max + " / " + maxF);
        }
        double[] w = new double[n];
        double[] sums = new double[2];
        SimilarityKernels.expWeights(scores, n, max, 0.1, w, sums);
        double total = 0;
        for (int s = 0; s < n; s++) {
            double e = Math.exp((scores[s] - max) * 0.1);
            if (Math.abs(w[s] - e) > Math.ulp(e)) {
                throw new AssertionError("weight " + s + " = " + w[s] + ", Math.exp " + e);
            }
            total += w[s];
        }
        if (Math.abs(sums[0] - total) > 1e-14 * total) {
            throw new AssertionError("sum " + sums[0] + " vs " + total);
        }
        float[] qf = {0.5f, -1.0f, 2.0f};
        float[] scoresFF = new float[16];
        float maxFF = SimilarityKernels.scores(panelsF, n, k, qf, scoresFF);
        if (maxFF != 18f || scoresFF[3] != 7.5f) {
            throw new AssertionError("float scores " + maxFF + " / " + scoresFF[3]);
        }
        SimilarityKernels.expWeights(scoresFF, n, maxFF, 0.1f, w, sums);
        for (int s = 0; s < n; s++) {
            double e = Math.exp((scoresFF[s] - maxFF) * 0.1);
            if (Math.abs(w[s] - e) > 1e-6 * e) {
                throw new AssertionError("float weight " + s + " = " + w[s] + ", Math.exp " + e);
            }
        }
        System.out.println("scalar similarity kernels OK");
    }
}
