package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The similarity kernels load and compute in a JVM started without {@code --add-modules jdk.incubator.vector}. */
class SimilarityKernelsWithoutVectorTest {

    @Test
    void similarityKernelsWorkWithoutTheVectorModule() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String main = Path.of(SimilarityKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String test = Path.of(SimilarityKernelsWithoutVectorMain.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", main + File.pathSeparator + test,
                SimilarityKernelsWithoutVectorMain.class.getName())).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("scalar similarity kernels OK"), out);
    }
}
