package org.weir.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** How missing cells (empty, NA, NaN) in a CSV file are treated: an error (default) or linear interpolation. */
enum Fill {
    ERROR, INTERPOLATE;

    static final class Converter implements ITypeConverter<Fill> {
        @Override
        public Fill convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "error" -> ERROR;
                case "interpolate", "linear" -> INTERPOLATE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a fill method; use error or interpolate");
            };
        }
    }
}
