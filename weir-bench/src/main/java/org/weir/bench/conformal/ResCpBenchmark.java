package org.weir.bench.conformal;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.weir.conformal.Calibration;
import org.weir.conformal.Interval;
import org.weir.conformal.KeyPrecision;
import org.weir.conformal.Recency;
import org.weir.conformal.ResCp;
import org.weir.conformal.ResCpConfig;
import org.weir.conformal.SimilarityWindow;

/**
 * Per-step cost of ResCP (Neglia et al., ICLR 2026, arXiv 2510.05060). {@code step}: one full online step of
 * {@link ResCp} (issue the interval: project the state when {@code keyDimension > 0}, W cosine similarities of
 * length k, W exponentials, width-minimizing weighted quantile; then observe: store the pair, evict the oldest,
 * advance the residual reservoir of N units). {@code windowQuery}: the similarity-window query alone, on random
 * keys. Parameters: {@code keyDimension} 0 = exact cosines on the full N-dimensional states, k = Gaussian random
 * projection to k dimensions; {@code keyPrecision} double or float key storage; {@code connectivity} of the
 * residual reservoir (its sparse step is part of {@code step}).
 *
 * <pre>java --add-modules jdk.incubator.vector -jar weir-bench/target/weir-benchmarks.jar ResCpBenchmark \
 *     -p window=4000 -p keyDimension=0,16,32 -p keyPrecision=double,float</pre>
 * On a shared machine add {@code -bm sample -tu us} and read the median (p0.50): each operation is timed on its
 * own, so steps during which the thread was descheduled land in the upper percentiles instead of the mean.
 *
 * <p>Medians measured on the 2-core shared development machine (AMD EPYC, AVX-512), W=4000, N=512, k=16: before the
 * single-precision search and the merged tail scan, double 44.7 us and float 41.3 us; after, double 37.9 us and
 * float 29.8 us; float with {@code -p connectivity=0.05} 24.8 us and {@code 0.02} 21.3 us (the residual
 * reservoir's sparse step is then the smaller part). Profile of the float step at connectivity 0.1: reservoir step
 * about 11 us, tail merge 5 to 9 us, cosines 3 us, exponentials 2.5 us, projection 1 us, insertion 0.7 us.
 * With ResCpConfig's default density of 10 connections per unit (0.0195 at N=512; {@code -p connectivity=default},
 * same run as 0.1): float 21.8 us (0.1: 27.5 us), double 27.9 us (0.1: 36.2 us).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class ResCpBenchmark {
    @Param({"4000", "1000"})
    public int window;

    @Param({"512"})
    public int units;

    /** 0: exact cosines on the full state; k: random projection of the keys to k dimensions. */
    @Param({"0", "16", "32"})
    public int keyDimension;

    /** How the memory keys are stored: double or float. */
    @Param({"double", "float"})
    public String keyPrecision;

    /** Density of the residual reservoir's recurrent matrix; "default": ResCpConfig's 10 connections per unit. */
    @Param({"default", "0.1"})
    public String connectivity;

    private ResCp rescp;
    private SimilarityWindow memory;
    private double[] query;
    private double[] residuals;
    private final double[] out = new double[4];
    private int t;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = window + 500;
        double[] cal = new double[n];
        for (int i = 0; i < n; i++) {
            cal[i] = ((i / 50) % 2 == 0 ? 0.3 : 1.5) * rnd.nextGaussian();
        }
        ResCpConfig.Builder b = ResCpConfig.builder().units(units).window(window).tau(0.1).recency(Recency.NONE)
                .keyDimension(keyDimension).keyPrecision(KeyPrecision.parse(keyPrecision)).seed(3);
        if (!"default".equals(connectivity)) {
            b.connectivity(Double.parseDouble(connectivity));
        }
        ResCpConfig c = b.build();
        rescp = ResCp.fixed(0.1, c);
        rescp.calibrate(Calibration.ofResiduals(cal));
        residuals = new double[8192];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = ((i / 50) % 2 == 0 ? 0.3 : 1.5) * rnd.nextGaussian();
        }
        int kd = keyDimension == 0 ? units : keyDimension;
        memory = new SimilarityWindow(kd, window, KeyPrecision.parse(keyPrecision));
        double[] key = new double[kd];
        for (int s = 0; s < window; s++) {
            for (int j = 0; j < kd; j++) {
                key[j] = rnd.nextGaussian();
            }
            memory.add(key, 0, rnd.nextGaussian());
        }
        query = new double[kd];
        double ss = 0;
        for (int j = 0; j < kd; j++) {
            query[j] = rnd.nextGaussian();
            ss += query[j] * query[j];
        }
        for (int j = 0; j < kd; j++) {
            query[j] /= Math.sqrt(ss);
        }
    }

    @Benchmark
    public double step() {
        Interval iv = rescp.interval(0.0);
        rescp.update(residuals[t++ & 8191]);
        return iv.upper() - iv.lower();
    }

    @Benchmark
    public double windowQuery() {
        memory.interval(query, 0, 0.1, 0.1, Recency.NONE, 0.99, out);
        return out[1] - out[0];
    }
}
