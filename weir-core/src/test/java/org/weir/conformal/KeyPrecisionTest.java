package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyPrecisionTest {

    @Test
    void parsesNamesAndRejectsOthersNamingTheValue() {
        assertEquals(KeyPrecision.DOUBLE, KeyPrecision.parse("double"));
        assertEquals(KeyPrecision.FLOAT, KeyPrecision.parse(" Float "));
        assertEquals(KeyPrecision.FLOAT, KeyPrecision.parse("float32"));
        assertEquals(KeyPrecision.DOUBLE, KeyPrecision.parse("float64"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPrecision.parse("half"));
        assertTrue(e.getMessage().contains("'half'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResCpConfig.builder().keyPrecision(null).build());
        assertTrue(e.getMessage().contains("key precision"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimilarityWindow(4, 10, null));
        assertTrue(e.getMessage().contains("key precision"), e.getMessage());
    }

    @Test
    void configCarriesThePrecisionIntoDescriptionAndMethodSpec() {
        ResCpConfig c = ResCpConfig.builder().keyPrecision(KeyPrecision.FLOAT).build();
        assertEquals("float", c.toMap().get("key_precision"));
        assertEquals(KeyPrecision.FLOAT, c.toBuilder().build().keyPrecision());
        assertEquals(KeyPrecision.DOUBLE, ResCpConfig.builder().build().keyPrecision());
        ResCp m = (ResCp) ConformalMethods.create("rescp:keyprecision=float,tune=false", 0.1);
        assertEquals(KeyPrecision.FLOAT, m.config().keyPrecision());
    }
}
