package org.weir.reservoir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/** The 8x8 optical digits (UCI, CC BY 4.0; see README.md next to digits.csv.gz) as 64-step pixel sequences. */
final class Digits {
    final List<double[][]> sequences = new ArrayList<>();
    final int[] labels;

    private Digits(List<double[]> pixels, List<Integer> labelList, int[] order) {
        labels = new int[labelList.size()];
        for (int s = 0; s < pixels.size(); s++) {
            double[] p = pixels.get(s);
            double[][] seq = new double[64][1];
            for (int t = 0; t < 64; t++) {
                seq[t][0] = p[order[t]] / 16.0;
            }
            sequences.add(seq);
            labels[s] = labelList.get(s);
        }
    }

    /** Pixel sequences in row-major order ({@code permutationSeed < 0}) or in a seeded random order. */
    static Digits load(long permutationSeed) throws Exception {
        List<double[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream in = Digits.class.getResourceAsStream("digits.csv.gz");
                BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                        StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",");
                double[] p = new double[64];
                for (int j = 0; j < 64; j++) {
                    p[j] = Double.parseDouble(c[j]);
                }
                pixels.add(p);
                labels.add((int) Double.parseDouble(c[64]));
            }
        }
        int[] order = new int[64];
        for (int t = 0; t < 64; t++) {
            order[t] = t;
        }
        if (permutationSeed >= 0) {
            SplittableRandom rnd = new SplittableRandom(permutationSeed);
            for (int t = 63; t > 0; t--) {
                int k = rnd.nextInt(t + 1);
                int tmp = order[t];
                order[t] = order[k];
                order[k] = tmp;
            }
        }
        return new Digits(pixels, labels, order);
    }

    List<double[][]> train() {
        return sequences.subList(0, 1300);
    }

    int[] trainLabels() {
        return java.util.Arrays.copyOfRange(labels, 0, 1300);
    }

    List<double[][]> test() {
        return sequences.subList(1300, sequences.size());
    }

    int[] testLabels() {
        return java.util.Arrays.copyOfRange(labels, 1300, labels.length);
    }
}
