package org.weir.linalg;

/**
 * Decides once, at class initialisation, whether the vectorized kernels ({@code jdk.incubator.vector})
 * may be used. They are used when the module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and the system property {@code weir.vector} is not
 * {@code false}. Classes that import the incubator API are only loaded when {@link #ENABLED} is true,
 * so the library runs (on the scalar kernels) without the flag.
 */
final class VectorSupport {
    /** True when the vectorized kernels are in use. */
    static final boolean ENABLED = detect();

    private VectorSupport() {
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("weir.vector", "true"))) {
            return false;
        }
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
