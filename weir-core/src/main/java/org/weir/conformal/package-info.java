/**
 * Conformal prediction intervals for forecasts, behind one online interface, {@link org.weir.conformal.IntervalMethod}:
 * calibrate on residuals, issue an interval around each point forecast, learn from each observed truth.
 * <ul>
 * <li>{@link org.weir.conformal.SplitConformal} (symmetric and asymmetric, finite-sample rank);</li>
 * <li>{@link org.weir.conformal.AdaptiveConformal} (ACI) and {@link org.weir.conformal.AggregatedAdaptiveConformal}
 * (AgACI);</li>
 * <li>{@link org.weir.conformal.NexCp} (weighted quantile with a point mass at +infinity);</li>
 * <li>{@link org.weir.conformal.EnbPi} (bootstrap ridge ensemble from one reservoir state harvest);</li>
 * <li>{@link org.weir.conformal.ConformalPid} (quantile tracking, saturating integrator, scorecaster);</li>
 * <li>{@link org.weir.conformal.ResCp} (reservoir conformal prediction, with {@link org.weir.conformal.ResCpTuner}).</li>
 * </ul>
 * {@link org.weir.conformal.ConformalMethods} parses method names, {@link org.weir.conformal.ConformalRunner} runs a
 * method over a test stream with the right feedback delay for a horizon, {@link org.weir.conformal.ConformalEvaluation}
 * scores several methods, {@link org.weir.conformal.MultiHorizonIntervals} keeps one calibrated method per horizon,
 * and {@link org.weir.conformal.WeightedQuantile} holds the exact weighted-quantile kernels.
 */
package org.weir.conformal;
