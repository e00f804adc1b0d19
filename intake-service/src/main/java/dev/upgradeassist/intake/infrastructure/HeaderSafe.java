package dev.upgradeassist.intake.infrastructure;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A single-line value that may end up in an email header (a name, an id, a time zone): no CR, LF
 * or other control characters (nor U+0085, U+2028, U+2029), and at most {@link #max()} characters.
 * {@code null} is valid: missing information is not a syntax error.
 */
@Documented
@Constraint(validatedBy = HeaderSafe.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface HeaderSafe {

    String message() default "must be a single line without control characters";

    int max() default 200;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HeaderSafe, String> {

        private int max;

        @Override
        public void initialize(HeaderSafe annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > max) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be at most " + max + " characters")
                        .addConstraintViolation();
                return false;
            }
            return isSingleLine(value);
        }

        /** True when the text has no control or line-separator characters. */
        public static boolean isSingleLine(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    return false;
                }
            }
            return true;
        }
    }
}
