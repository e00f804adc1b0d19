package dev.upgradeassist.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: a wrong JSON type is a 400, never silently coerced
 * ({@code "durationMinutes": "240"}, {@code "form": 0}, {@code "currentVersion": 15},
 * {@code "testedInStaging": "yes"}, {@code 1.5} minutes), duplicate keys and trailing tokens are
 * refused, enum names must match exactly (no trimming). Unknown properties stay ignored (additive clients).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {

    @Bean
    public JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // a one-element array is not its element: [["RAILS"]] is not a list of names
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.POJO, config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Collection, config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .addModule(new SimpleModule("strings-are-strings").addDeserializer(String.class, new StringsOnly()))
                .addModule(new SimpleModule("exact-enum-names").setDeserializerModifier(new ValueDeserializerModifier() {
                    @Override
                    public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                                       BeanDescription.Supplier description,
                                                                       ValueDeserializer<?> deserializer) {
                        return new ExactEnumNames(deserializer, type.getRawClass());
                    }
                }));
    }

    /**
     * A string is a JSON string, nothing else. Jackson's own reads a nested array inside a list of strings
     * ({@code "roles": [["RAILS"]]}) as its first element and leaves the parser behind, so that the enclosing list of
     * objects gained an empty element instead of failing.
     */
    static final class StringsOnly extends tools.jackson.databind.deser.std.StdScalarDeserializer<String> {

        StringsOnly() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return parser.getString();
            }
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
    }

    /** Jackson trims enum names ({@code "EE\n"} reads as EE); a value must be exactly one of the names. */
    static final class ExactEnumNames extends DelegatingDeserializer {

        private final Class<?> enumType;

        ExactEnumNames(ValueDeserializer<?> delegate, Class<?> enumType) {
            super(delegate);
            this.enumType = enumType;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ExactEnumNames(delegate, enumType);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String text = parser.getString();
                // strip() for Unicode white space, trim() for every control character (Jackson trims "EE\u0000" too)
                if (!text.equals(text.strip()) || !text.equals(text.trim())) {
                    return context.handleWeirdStringValue(enumType, text, "not one of the accepted values");
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
