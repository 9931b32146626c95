package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The build runs every lib test three times (lib/pom.xml): with the Vector API (512-bit vectors where the CPU
 * has AVX-512), with 256-bit vectors ({@code -Djgrad.vectorBits=256}), and on the plain loops with
 * {@code -Djgrad.vector=false}. This checks that each run is on the path it claims, so a plain run that
 * silently used the vector kernels (as {@code -DargLine=-Djgrad.vector=false} on the command line did) fails.
 */
class KernelsPathTest {

    @Test
    void runsOnThePathItsPropertySays() {
        boolean plain = "false".equals(System.getProperty("jgrad.vector"));
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(!plain && vectorModule, Kernels.usesVectorApi(),
                "jgrad.vector=" + System.getProperty("jgrad.vector") + ", vector module present: " + vectorModule);
    }

    @Test
    void vectorsAreAsWideAsThePropertyAndTheCpuSay() {
        if (!Kernels.usesVectorApi()) {
            return; // the plain loops: no vectors to size
        }
        int preferred = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        int lanes = "256".equals(System.getProperty("jgrad.vectorBits")) || preferred < 8 ? 4 : 8;
        assertEquals(2 * lanes, VectorKernels.NR, "jgrad.vectorBits=" + System.getProperty("jgrad.vectorBits")
                + ", the CPU's preferred vector: " + preferred + " doubles");
    }

    @Test
    void largeProductsRunTwelveRowBlocksWhereTheCpuHasThirtyTwoVectorRegisters() {
        if (!Kernels.usesVectorApi()) {
            return;
        }
        boolean avx512 = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
        int rows = avx512 && !"6".equals(System.getProperty("jgrad.vectorRows")) ? 12 : 6;
        assertEquals(rows, VectorKernels.MR, "jgrad.vectorRows=" + System.getProperty("jgrad.vectorRows")
                + ", AVX-512: " + avx512);
    }
}
