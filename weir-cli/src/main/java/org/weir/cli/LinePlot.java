package org.weir.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A light line chart rendered to PNG with XChart: a title, labelled axes, a legend, and any number of
 * line series (solid or dashed), e.g. truth against forecast. Works headless.
 */
public final class LinePlot {
    /** Colours readable on white and by most colour-blind readers (Okabe-Ito). */
    public static final Color BLACK = new Color(0x22, 0x22, 0x22);
    public static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    public static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    public static final Color VERMILION = new Color(0xD5, 0x5E, 0x00);
    public static final Color GREEN = new Color(0x00, 0x9E, 0x73);
    public static final Color GREY = new Color(0x99, 0x99, 0x99);

    private record Line(String name, double[] x, double[] y, Color color, float width, boolean dashed, boolean band) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Line> lines = new ArrayList<>();
    private int width = 1000;
    private int height = 460;
    private String xPattern;
    private String datePattern;
    private double xMin = Double.NaN;
    private double xMax = Double.NaN;
    private Styler.LegendPosition legend = Styler.LegendPosition.InsideNW;
    private int xTickSpacing = 0;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Picture size in pixels. */
    public LinePlot size(int widthPx, int heightPx) {
        this.width = widthPx;
        this.height = heightPx;
        return this;
    }

    /** Decimal format of x tick labels, e.g. {@code "0"} for whole years. */
    public LinePlot xPattern(String pattern) {
        this.xPattern = pattern;
        return this;
    }

    /**
     * Treats x values as days since 1970-01-01 (e.g. {@code LocalDate.toEpochDay()}) and labels the axis
     * with dates in the given pattern (e.g. {@code "yyyy"}).
     */
    public LinePlot dateAxis(String pattern) {
        this.datePattern = pattern;
        return this;
    }

    /** Puts the legend in the upper right corner (for curves that start high on the left). */
    public LinePlot legendRight() {
        this.legend = Styler.LegendPosition.InsideNE;
        return this;
    }

    /** Puts the legend right of the plot (for busy plots). */
    public LinePlot legendOutside() {
        this.legend = Styler.LegendPosition.OutsideE;
        return this;
    }

    /** Minimum pixels between x tick labels (fewer, wider-spaced ticks). */
    public LinePlot xTickSpacing(int pixels) {
        this.xTickSpacing = pixels;
        return this;
    }

    /** Fixes the x axis range (ticks then start at {@code min}). */
    public LinePlot xRange(double min, double max) {
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    /** Adds a solid line. */
    public LinePlot line(String name, double[] x, double[] y, Color color) {
        return add(name, x, y, color, 2.0f, false);
    }

    /** Adds a dashed line. */
    public LinePlot dashed(String name, double[] x, double[] y, Color color) {
        return add(name, x, y, color, 2.0f, true);
    }

    /**
     * Adds a translucent band between {@code lower} and {@code upper} (e.g. a prediction interval), drawn
     * under the lines added after it. Bounds must be finite.
     */
    public LinePlot band(String name, double[] x, double[] lower, double[] upper, Color color) {
        if (x.length != lower.length || x.length != upper.length) {
            throw new IllegalArgumentException("band '" + name + "' needs as many bounds as x values");
        }
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = upper[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lower[i];
        }
        lines.add(new Line(name, px, py, color, 0f, false, true));
        return this;
    }

    /** Adds a vertical dashed marker at x spanning [yLow, yHigh], e.g. where a forecast starts. */
    public LinePlot vertical(String name, double x, double yLow, double yHigh, Color color) {
        return add(name, new double[] {x, x}, new double[] {yLow, yHigh}, color, 1.2f, true);
    }

    private LinePlot add(String name, double[] x, double[] y, Color color, float lineWidth, boolean dashed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        lines.add(new Line(name, x.clone(), y.clone(), color, lineWidth, dashed, false));
        return this;
    }

    /** The chart as PNG bytes. */
    public byte[] png() throws IOException {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(false);
        st.setPlotGridLinesColor(new Color(0xE4, 0xE4, 0xE4));
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setLegendPosition(legend);
        st.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        st.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAntiAlias(true);
        st.setChartPadding(12);
        if (xTickSpacing > 0) {
            st.setXAxisTickMarkSpacingHint(xTickSpacing);
        }
        if (xPattern != null) {
            st.setXAxisDecimalPattern(xPattern);
        }
        if (!Double.isNaN(xMin)) {
            st.setXAxisMin(xMin);
            st.setXAxisMax(xMax);
        }
        if (datePattern != null) {
            st.setDatePattern(datePattern);
            st.setTimezone(java.util.TimeZone.getTimeZone("UTC"));
        }
        for (Line l : lines) {
            XYSeries s;
            if (datePattern != null) {
                List<java.util.Date> xs = new ArrayList<>(l.x().length);
                List<Double> ys = new ArrayList<>(l.y().length);
                for (int i = 0; i < l.x().length; i++) {
                    xs.add(new java.util.Date(Math.round(l.x()[i] * 86_400_000.0)));
                    ys.add(l.y()[i]);
                }
                s = chart.addSeries(l.name(), xs, ys);
            } else {
                s = chart.addSeries(l.name(), l.x(), l.y());
            }
            s.setMarker(SeriesMarkers.NONE);
            if (l.band()) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                s.setFillColor(new Color(l.color().getRed(), l.color().getGreen(), l.color().getBlue(), 70));
                s.setLineColor(new Color(l.color().getRed(), l.color().getGreen(), l.color().getBlue(), 0));
                s.setLineWidth(0.1f);
                continue;
            }
            s.setLineColor(l.color());
            s.setLineWidth(l.width());
            if (l.dashed()) {
                s.setLineStyle(new BasicStroke(l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {7f, 5f}, 0f));
            }
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Writes the chart as a PNG file and returns its bytes (for embedding in a report). */
    public byte[] write(Path file) throws IOException {
        byte[] bytes = png();
        org.weir.io.AtomicFiles.write(file, os -> os.write(bytes));
        return bytes;
    }
}
