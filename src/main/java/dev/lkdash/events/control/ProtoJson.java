package dev.lkdash.events.control;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import static dev.lkdash.platform.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;

/**
 * Turns LiveKit's protobuf objects into the plain JSON clients get: camelCase names as LiveKit
 * sends them, int64 as numbers (protobuf JSON sends strings), enums by name, and every field
 * LiveKit left out (a protobuf zero value) filled in. Nested objects that were never set and
 * members of a oneof other than the chosen one stay out, as they carry no value.
 */
public final class ProtoJson {

    private ProtoJson() {
    }

    public static JsonObject toJson(MessageOrBuilder message) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isMapField()) {
                object.add(field.getJsonName(), map(field, (List<?>) message.getField(field)));
            } else if (field.isRepeated()) {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                for (Object element : (List<?>) message.getField(field)) {
                    array.add(value(field, element));
                }
                object.add(field.getJsonName(), array);
            } else if (message.hasField(field) || isFilledWhenAbsent(field)) {
                object.add(field.getJsonName(), value(field, message.getField(field)));
            }
        }
        return object.build();
    }

    private static boolean isFilledWhenAbsent(FieldDescriptor field) {
        return field.getJavaType() != FieldDescriptor.JavaType.MESSAGE && field.getRealContainingOneof() == null;
    }

    private static JsonObject map(FieldDescriptor field, List<?> entries) {
        FieldDescriptor keyField = field.getMessageType().findFieldByName("key");
        FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (Object entry : entries) {
            MessageOrBuilder pair = (MessageOrBuilder) entry;
            object.add(String.valueOf(pair.getField(keyField)), value(valueField, pair.getField(valueField)));
        }
        return object.build();
    }

    private static JsonValue value(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case MESSAGE, GROUP -> toJson((MessageOrBuilder) value);
            case ENUM -> enumName((EnumValueDescriptor) value);
            case STRING -> JSON.createValue((String) value);
            case BYTES -> JSON.createValue(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOL -> (Boolean) value ? JsonValue.TRUE : JsonValue.FALSE;
            case INT32, SINT32, SFIXED32, INT64, SINT64, SFIXED64 -> JSON.createValue(((Number) value).longValue());
            case UINT32, FIXED32 -> JSON.createValue(Integer.toUnsignedLong((Integer) value));
            case UINT64, FIXED64 -> unsigned((Long) value);
            case FLOAT, DOUBLE -> decimal(((Number) value).doubleValue());
        };
    }

    private static JsonValue enumName(EnumValueDescriptor value) {
        // a value this SDK does not know yet has no name: keep its number
        return value.getIndex() < 0 ? JSON.createValue(value.getNumber()) : JSON.createValue(value.getName());
    }

    private static JsonValue unsigned(long value) {
        return value >= 0 ? JSON.createValue(value) : JSON.createValue(new BigInteger(Long.toUnsignedString(value)));
    }

    private static JsonValue decimal(double value) {
        // JSON has no NaN or infinity; protobuf JSON writes them as strings too
        return Double.isFinite(value) ? JSON.createValue(value) : JSON.createValue(Double.toString(value));
    }
}
