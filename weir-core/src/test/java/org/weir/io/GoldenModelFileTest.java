package org.weir.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weir.model.ForecastModel;

/**
 * A model file written by Weir 0.1.0 (format version 1) is kept in the test resources, with the predictions
 * it gave when written. Every later Weir must load it and give the same predictions (to 1e-12), so a change of
 * the file format or of the numerics cannot slip in silently (Tribuo's habit of golden model files).
 */
class GoldenModelFileTest {

    @Test
    void formatVersion1ModelStillLoadsAndPredictsBitIdentically() throws Exception {
        Path dir = Path.of(GoldenModelFileTest.class.getResource("golden-v1.weir").toURI()).getParent();
        ForecastModel m = ForecastModel.load(dir.resolve("golden-v1.weir"));
        List<String> lines = Files.readAllLines(dir.resolve("golden-v1-predictions.csv"));
        double[][] inputs = new double[lines.size() - 1][1];
        double[] expected = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            inputs[i - 1][0] = Double.parseDouble(c[0]);
            expected[i - 1] = Double.parseDouble(c[1]);
        }
        double[][] got = m.predict(inputs);
        for (int t = 0; t < expected.length; t++) {
            // 1e-12, not bit equality: a faster activation kernel may move the last bit (it stays within 1 ulp)
            assertEquals(expected[t], got[t][0], 1e-12 * Math.max(1, Math.abs(expected[t])), "prediction " + t);
        }
        assertEquals(20, m.reservoir().stateDimension());
        assertEquals(true, m.standardized());
    }
}
