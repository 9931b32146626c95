package jgrad.cli;

import java.time.Duration;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for option values; their messages say what was expected, picocli adds the option's name. */
final class Values {

    private Values() {
    }

    /** A positive number of seconds, fractions allowed: {@code --timeout 2.5}. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                double seconds = Double.parseDouble(text);
                if (seconds > 0 && seconds < Long.MAX_VALUE / 1000.0) {
                    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + text + "' is not a positive number of seconds");
        }
    }

    /** A positive whole number: {@code --jobs 4}. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int value = Integer.parseInt(text);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + text + "' is not a positive whole number");
        }
    }

    /** A JVM heap size as -Xmx takes it: {@code 512m}, {@code 2g}, {@code 1048576k}. */
    static final class HeapSize implements ITypeConverter<String> {
        private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

        @Override
        public String convert(String text) {
            if (SIZE.matcher(text).matches()) {
                return text;
            }
            throw new TypeConversionException("'" + text + "' is not a heap size such as 512m or 2g");
        }
    }
}
