package io.rasfleet.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * A number of a results file written as the shortest decimal that reads back to the same value
 * ({@code 0.0004}, not {@code 3.9999998989515007E-4}). A {@code float} is shortened as a float: HEC-RAS
 * stores most figures in 32 bits, and widening one to a double first would print the widening's
 * noise. Java 17's {@code Double.toString} is not always the shortest form (JDK-4511638, fixed in 19),
 * so the digits are searched here: the fewest significant digits whose decimal parses back exactly.
 * Floats keep at least one decimal place ({@code 48.0}), as Python writes them, so a column
 * reads as floats in pandas.
 */
public final class ShortestDecimal {

    private ShortestDecimal() {
    }

    /** The shortest decimal of {@code value}; null for NaN and infinities, which a CSV or JSON number cannot hold. */
    public static BigDecimal of(float value) {
        if (!Float.isFinite(value)) {
            return null;
        }
        return shortest(new BigDecimal(value), 9, d -> Float.parseFloat(d.toString()) == value);
    }

    /** The shortest decimal of {@code value}; null for NaN and infinities. */
    public static BigDecimal of(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        return shortest(new BigDecimal(value), 17, d -> Double.parseDouble(d.toString()) == value);
    }

    /** A float or double as its shortest decimal; other numbers (counts) and non-numbers unchanged. */
    public static Object ofNumber(Object value) {
        if (value instanceof Float f) {
            return of(f);
        }
        if (value instanceof Double d) {
            return of(d);
        }
        return value;
    }

    /**
     * The nearest decimal of each precision is tried first; beside a power of two the gap below a
     * value is half the gap above, so the decimals either side are tried too before more digits.
     */
    private static BigDecimal shortest(BigDecimal exact, int maxDigits, Predicate<BigDecimal> readsBack) {
        if (exact.signum() == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        for (int digits = 1; digits <= maxDigits; digits++) {
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.UP}) {
                BigDecimal candidate = exact.round(new MathContext(digits, mode));
                if (readsBack.test(candidate)) {
                    return plain(candidate);
                }
            }
        }
        return plain(exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN)));
    }

    /** Without trailing zeros, but with one decimal place at least, and no exponent for an integral value. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }
}
