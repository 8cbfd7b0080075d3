package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumpyPcg64Test {
    /** Reference: numpy 2.4 {@code np.random.default_rng(5555)}: state and first three {@code random()} draws. */
    @Test
    void matchesNumpyDefaultRngSeed5555() {
        NumpyPcg64 rng = NumpyPcg64.defaultRng(5555);
        assertEquals(0.13715417610404002, rng.nextDouble(), 0.0);
        assertEquals(0.5469033595330328, rng.nextDouble(), 0.0);
        assertEquals(0.7413525775285789, rng.nextDouble(), 0.0);
    }

    /** numpy: {@code np.random.default_rng(5555).bit_generator.state} after seeding. */
    @Test
    void seedingGivesNumpyState() {
        long[] w = NumpyPcg64.seedSequenceState(5555);
        // state 239458039266608913623255094228306696119 and inc 236543917315769744447888516447759954913
        // are derived from these words; checked indirectly through the draws above and here through inc
        java.math.BigInteger seq = new java.math.BigInteger(Long.toUnsignedString(w[2])).shiftLeft(64)
                .add(new java.math.BigInteger(Long.toUnsignedString(w[3])));
        java.math.BigInteger inc = seq.shiftLeft(1).or(java.math.BigInteger.ONE)
                .mod(java.math.BigInteger.ONE.shiftLeft(128));
        assertEquals(new java.math.BigInteger("236543917315769744447888516447759954913"), inc);
    }

    @Test
    void rejectsNegativeSeed() {
        assertThrows(IllegalArgumentException.class, () -> NumpyPcg64.defaultRng(-1));
    }
}
