package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Library users may run without {@code --add-modules jdk.incubator.vector}: the kernels must still load and work. */
class WithoutVectorModuleTest {

    @Test
    void kernelsWorkInAJvmWithoutTheVectorModule() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String main = Path.of(FastTanh.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String test = Path.of(WithoutVectorModuleMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", main + File.pathSeparator + test,
                WithoutVectorModuleMain.class.getName())).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("scalar kernels OK"), out);
        // the single-precision kernels give the same bits with and without the vector module
        assertTrue(out.contains("float-kernels-hash=" + WithoutVectorModuleMain.floatKernelsHash()), out);
    }
}
