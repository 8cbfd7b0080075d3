package org.weir.cli;

import java.util.List;
import org.weir.data.Datasets;
import org.weir.data.MissingValues;
import org.weir.data.TimeSeries;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.model.Sequence;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateConfig;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.weir.reservoir.EchoStateReservoir;

/**
 * The demo's forecasting set-up on the Mauna Loa weekly CO2 record. CO2 rises by about 1.5 ppm a year
 * with a 6 ppm yearly cycle, so the reservoir is fed two level-free features of the past only: the
 * anomaly {@code co2[t] - mean(co2[t-51..t])} (the seasonal phase) and the yearly growth
 * {@code co2[t] - co2[t-52]}; its readout predicts the whole next year at once, the changes
 * {@code co2[t+k] - co2[t]} for k = 1..52 (direct multi-horizon forecasting). Closed-loop generation feeds
 * the one-week-ahead output back: {@code co2[t+1] = co2[t] + y_1}, recomputes the features and continues.
 */
final class Co2Experiment {
    static final int PERIOD = 52;
    static final int HORIZONS = 52;

    final double[] co2;
    final List<String> dates;
    final int n;
    final int testStart;

    Co2Experiment(int testWeeks) {
        TimeSeries s = Datasets.maunaLoaCo2(MissingValues.INTERPOLATE);
        co2 = s.column("co2");
        dates = Datasets.maunaLoaCo2Dates();
        n = co2.length;
        testStart = n - testWeeks;
    }

    /** Features at row t (t >= 51) of a series whose first t+1 values are known. */
    static void features(double[] x, int t, double[] out) {
        double mean = 0;
        for (int i = t - PERIOD + 1; i <= t; i++) {
            mean += x[i];
        }
        mean /= PERIOD;
        out[0] = x[t] - mean;
        out[1] = x[t] - x[t - PERIOD];
    }

    /** First row with features: the yearly growth needs row t-52. */
    static int firstRow() {
        return PERIOD;
    }

    ForecastModel fit(EchoStateConfig cfg, double ridge, int warmup) {
        int from = firstRow();
        int to = testStart - HORIZONS; // last training origin sees its 52nd target at testStart-1
        double[][] in = new double[to - from][2];
        double[][] out = new double[to - from][HORIZONS];
        for (int t = from; t < to; t++) {
            features(co2, t, in[t - from]);
            for (int k = 1; k <= HORIZONS; k++) {
                out[t - from][k - 1] = co2[t + k] - co2[t];
            }
        }
        Forecaster f = Forecaster.of(EchoStateReservoir.create(cfg, 2, 0), RidgeReadout.withRidge(ridge))
                .warmup(warmup).standardize(true);
        return f.fit(List.of(new Sequence(in, out)));
    }

    /** Row t of the result: forecasts of co2[t+k], k = 1..52, made at origin t (rows before firstRow are null). */
    double[][] directForecasts(ForecastModel m) {
        double[][] fc = new double[n][];
        ForecastModel.Session s = m.newSession();
        double[] u = new double[2];
        for (int t = firstRow(); t < n; t++) {
            features(co2, t, u);
            double[] y = s.observe(u);
            fc[t] = new double[HORIZONS];
            for (int k = 0; k < HORIZONS; k++) {
                fc[t][k] = co2[t] + y[k];
            }
        }
        return fc;
    }

    /** Closed loop from origin (row origin known), for steps weeks: element i forecasts row origin+1+i. */
    double[] generate(ForecastModel m, int origin, int steps) {
        double[] x = new double[origin + 1 + steps];
        System.arraycopy(co2, 0, x, 0, origin + 1);
        ForecastModel.Session s = m.newSession();
        double[] u = new double[2];
        for (int t = firstRow(); t < origin; t++) {
            features(x, t, u);
            s.observe(u);
        }
        for (int t = origin; t < origin + steps; t++) {
            features(x, t, u);
            double[] y = s.observe(u);
            x[t + 1] = x[t] + y[0];
        }
        double[] gen = new double[steps];
        System.arraycopy(x, origin + 1, gen, 0, steps);
        return gen;
    }

    /** Seasonal naive: the same week one year earlier. */
    double seasonalNaive(int origin, int k) {
        int m = (k + PERIOD - 1) / PERIOD;
        return co2[origin + k - PERIOD * m];
    }

    /** Seasonal naive with drift: the same week a year earlier plus the last year's growth per year elapsed. */
    double seasonalNaiveDrift(int origin, int k) {
        int m = (k + PERIOD - 1) / PERIOD;
        return co2[origin + k - PERIOD * m] + m * (co2[origin] - co2[origin - PERIOD]);
    }

    static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    /** Row r's week as a decimal year (e.g. 1998.53), for plot axes. */
    double year(int r) {
        LocalDate d = LocalDate.parse(dates.get(r), DateTimeFormatter.BASIC_ISO_DATE);
        return d.getYear() + (d.getDayOfYear() - 1) / (d.isLeapYear() ? 366.0 : 365.0);
    }

    /** Row r's week as days since 1970-01-01 (for date axes). */
    double epochDay(int r) {
        return LocalDate.parse(dates.get(r), DateTimeFormatter.BASIC_ISO_DATE).toEpochDay();
    }

    /** Row r's week as ISO text (1998-07-11). */
    String isoDate(int r) {
        return LocalDate.parse(dates.get(r), DateTimeFormatter.BASIC_ISO_DATE).toString();
    }
}
