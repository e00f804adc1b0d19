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
import java.util.regex.Pattern;

/**
 * A plain email address ({@code local@domain.tld}), at most 254 characters, that is safe to put in
 * a mail header: no display name, no quotes, no spaces, no control characters. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = EmailAddress.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface EmailAddress {

    String message() default "must be an email address such as dana@acme.example";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EmailAddress, String> {

        private static final Pattern EMAIL = Pattern.compile(
                "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                        + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValid(value);
        }

        /** Checks the length first, so that a hostile 200 KB string never reaches the pattern. */
        public static boolean isValid(String value) {
            return value.length() <= 254 && value.indexOf('@') > 0 && value.indexOf('@') <= 64
                    && EMAIL.matcher(value).matches();
        }
    }
}
