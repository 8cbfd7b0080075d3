package org.weir.reservoir;

import java.util.Map;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;

/** Rebuilds any reservoir kind from a model file ({@link Reservoir#describe()} plus its arrays). */
public final class Reservoirs {
    private Reservoirs() {
    }

    /**
     * @param description what {@link Reservoir#describe()} returned when the model was saved
     * @param arrays the model file's arrays
     * @param prefix the prefix the arrays were saved under
     */
    public static Reservoir load(Map<String, Object> description, ArrayBundle arrays, String prefix) {
        String kind = Json.string(description, "kind");
        switch (kind) {
            case EchoStateReservoir.KIND:
                return EchoStateReservoir.load(description, arrays, prefix);
            case DeepReservoir.KIND:
                return DeepReservoir.load(description, arrays, prefix);
            case NvarFeatures.KIND:
                return NvarFeatures.load(description);
            default:
                throw new IllegalArgumentException("unknown reservoir kind '" + kind
                        + "' (this Weir knows esn, deep, nvar)");
        }
    }
}
