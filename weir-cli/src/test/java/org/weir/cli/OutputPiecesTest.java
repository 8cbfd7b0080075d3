package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON output, progress bar, PNG plots and the self-contained HTML report. */
class OutputPiecesTest {
    @TempDir
    Path dir;

    @Test
    void jsonMapsNonFiniteNumbersToNullAndArraysToLists() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nrmse", 0.25);
        m.put("bad", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("values", new double[] {1, Double.NaN});
        m.put("path", Path.of("a", "b.csv"));
        String s = JsonOutput.write(m);
        assertFalse(s.contains("\n"));
        JsonNode n = new ObjectMapper().readTree(s);
        assertEquals(0.25, n.get("nrmse").asDouble());
        assertTrue(n.get("bad").isNull());
        assertTrue(n.get("inf").isNull());
        assertEquals(1.0, n.get("values").get(0).asDouble());
        assertTrue(n.get("values").get(1).isNull());
        assertEquals(Path.of("a", "b.csv").toString(), n.get("path").asText());
    }

    @Test
    void progressBarRendersAndStaysSilentWhenDisabled() {
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(sw), "fit", 200, true);
        bar.set(50);
        String line = bar.render(System.nanoTime());
        assertTrue(line.startsWith("fit [=======>                      ]  25%  50/200"), line);
        assertTrue(line.contains("eta "), line);
        bar.set(200);
        bar.close();
        assertTrue(sw.toString().startsWith("\rfit ["), sw.toString());
        assertTrue(sw.toString().endsWith("\r"), "the bar erases its line when closed");

        StringWriter quiet = new StringWriter();
        try (ProgressBar off = new ProgressBar(new PrintWriter(quiet), "fit", 10, false)) {
            for (int i = 0; i <= 10; i++) {
                off.set(i);
            }
        }
        assertEquals("", quiet.toString());
        assertEquals("1:05", ProgressBar.clock(65));
        assertEquals("1:01:01", ProgressBar.clock(3661));
    }

    @Test
    void plotIsAPngOfTheRequestedSize() throws Exception {
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 5.0);
        }
        byte[] png = new LinePlot("Sine", "step", "value").size(640, 300).line("truth", x, y, LinePlot.BLACK)
                .dashed("forecast", x, y, LinePlot.BLUE).vertical("start", 25, -1, 1, LinePlot.GREY)
                .write(dir.resolve("plot.png"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, img.getWidth());
        assertEquals(300, img.getHeight());
        assertTrue(Files.size(dir.resolve("plot.png")) == png.length);
    }

    @Test
    void reportIsSelfContainedAndEscaped() throws Exception {
        byte[] png = new LinePlot("t", "x", "y").size(200, 100).line("a", new double[] {0, 1}, new double[] {0, 1},
                LinePlot.BLUE).png();
        HtmlReport r = new HtmlReport("Weir <demo>", "sub & title")
                .heading("Metrics")
                .keyValues(Map.of("nrmse", 0.0123456))
                .table(List.of("model", "rmse"), List.of(List.of("esn", 1.5), List.of("naive <seasonal>", 2.0)))
                .figure(png, "forecast", "Forecast vs truth");
        Path f = dir.resolve("report.html");
        r.write(f);
        String html = Files.readString(f);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>Weir &lt;demo&gt;</title>"));
        assertTrue(html.contains("naive &lt;seasonal&gt;"));
        assertTrue(html.contains(">0.01235<"), "four significant digits");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(?!data:)").matcher(html).find(), "no external resources");
        assertFalse(html.contains("http://") || html.contains("https://"));
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertTrue(m.find());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
        assertEquals(200, img.getWidth());
    }
}
