package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, and the command run as a separate process (real main, real exit codes). */
class DemoAndProcessTest {
    @TempDir
    Path dir;

    @Test
    void demoWritesEveryFileAndBeatsTheSeasonalBaselines() throws IOException {
        Path out = dir.resolve("demo");
        Cli.Result r = Cli.run("demo", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String f : new String[] {"co2.weir", "forecast.csv", "forecast.png", "generation.png", "report.html"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        assertEquals(out.resolve("report.html").toString(), j.get("report").asText());
        assertEquals(59, j.get("filled_missing_weeks").asInt());
        // the one-year-ahead forecast must beat both naive seasonal forecasts on the held-out years
        double esn = j.get("rmse_h52").asDouble();
        assertTrue(esn < j.get("rmse_h52_seasonal_naive").asDouble(), j::toString);
        assertTrue(esn < 0.8 * j.get("rmse_h52_seasonal_naive_drift").asDouble(), j::toString);
        assertTrue(j.get("seconds").asDouble() < 30, j::toString);
        JsonNode iv = j.get("intervals");
        assertEquals(0.1, iv.get("alpha").asDouble());
        for (String method : new String[] {"split", "rescp"}) {
            JsonNode m = iv.get(method);
            assertEquals(m.get("coverage").asDouble() - 0.9, m.get("coverage_gap").asDouble(), 1e-12);
            assertTrue(m.get("width").asDouble() > 0 && m.get("winkler").asDouble() >= m.get("width").asDouble(), m::toString);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("linear interpolation") && html.contains("59 weeks are missing"));
        assertTrue(html.contains("seasonal naive + drift"));
        assertTrue(html.contains("Prediction intervals") && html.contains("ResCP"));
        assertEquals(2, html.split("data:image/png;base64,", -1).length - 1, "both plots embedded");
        List<String> csv = Files.readAllLines(out.resolve("forecast.csv"));
        assertEquals(209, csv.size());
        assertTrue(csv.get(0).startsWith("row,date,co2,forecast_1y_esn"));
        assertTrue(csv.get(0).endsWith("lower_1y_split,upper_1y_split,lower_1y_rescp,upper_1y_rescp"), csv.get(0));
        String[] first = csv.get(1).split(",");
        assertTrue(Double.parseDouble(first[8]) < Double.parseDouble(first[3])
                && Double.parseDouble(first[3]) < Double.parseDouble(first[9]), "split band around the forecast");

        Cli.Result human = Cli.run("demo", "--out", out.toString());
        assertEquals(0, human.code());
        assertTrue(human.out().strip().endsWith("report.html"), human::toString);
        assertTrue(human.err().contains("59 missing filled by linear interpolation"), human::toString);
        assertTrue(human.out().contains("90% intervals, rescp:"), human::toString);
    }

    private record Proc(int code, String out, String err) {
    }

    private Proc exec(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path o = dir.resolve("out.txt");
        Path e = dir.resolve("err.txt");
        pb.redirectOutput(o.toFile()).redirectError(e.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process timed out");
        return new Proc(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8), Files.readString(e, StandardCharsets.UTF_8));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void checkProcess(List<String> prefix) throws Exception {
        List<String> ok = new ArrayList<>(prefix);
        ok.addAll(List.of("bench", "throughput", "--units", "50", "--steps", "2000", "--json"));
        Proc p = exec(ok);
        assertEquals(0, p.code(), p::toString);
        JsonNode j = new ObjectMapper().readTree(p.out());
        for (String k : new String[] {"steps_per_sec", "seconds", "units", "steps"}) {
            assertTrue(j.has(k), k + " in " + p.out());
        }
        assertEquals(2000, j.get("steps").asInt());
        assertEquals(j.get("steps").asDouble() / j.get("seconds").asDouble(), j.get("steps_per_sec").asDouble(), 1e-6);
        assertEquals("", p.err().strip(), "no JVM warnings on stderr");

        List<String> bad = new ArrayList<>(prefix);
        bad.addAll(List.of("fit", "--data", dir.resolve("missing.csv").toString(), "--target", "x", "--out",
                dir.resolve("m.weir").toString()));
        Proc q = exec(bad);
        assertEquals(1, q.code(), q::toString);
        assertEquals("", q.out());
        assertEquals(1, q.err().strip().split("\\R").length, q::toString);
        assertTrue(q.err().startsWith("weir fit: error: data file not found"), q::toString);

        List<String> usage = new ArrayList<>(prefix);
        usage.add("predict");
        Proc u = exec(usage);
        assertEquals(2, u.code(), u::toString);
        assertTrue(u.err().startsWith("weir predict: error: Missing required options"), u::toString);
    }

    @Test
    void mainExitsWithTheRightCodesInItsOwnProcess() throws Exception {
        checkProcess(List.of(java(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                WeirCli.class.getName()));
    }

    @Test
    void shadedJarRunsWhenBuilt() throws Exception {
        Path repo = Path.of(System.getProperty("weir.repo.dir", ".."));
        Path jar = repo.resolve("weir-cli/target/weir.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "weir.jar not built yet (mvn package builds it)");
        checkProcess(List.of(java(), "-jar", jar.toString()));
        assertTrue(new File(jar.toString()).length() > 0);
    }
}
