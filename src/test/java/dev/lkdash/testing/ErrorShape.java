package dev.lkdash.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.regex.Pattern;

/** The contract's error body: {@code {"error","message"}} JSON that names no Java class or exception. */
public final class ErrorShape {

    private static final Pattern JAVA_WORDS = Pattern.compile(
            "(Exception|Throwable|java\\.|jakarta\\.|com\\.google|org\\.glassfish|\\bat [a-z]+\\.|\\.java:)");

    private ErrorShape() {
    }

    /** Asserts the body is the contract's error JSON and returns its code. */
    public static String check(String what, String contentType, String body) {
        assertNotNull(contentType, what + ": an error body says its type");
        assertTrue(contentType.startsWith("application/json"), what + ": JSON, not " + contentType);
        JsonObject error = Json.createReader(new StringReader(body)).readObject();
        assertTrue(error.containsKey("error") && error.containsKey("message"), what + ": {error, message}: " + body);
        assertFalse(JAVA_WORDS.matcher(body).find(), what + ": names no Java class or exception: " + body);
        return error.getString("error");
    }

    /** Whether the body is free of Java class and exception names (whatever its shape). */
    public static boolean namesNoJava(String body) {
        return !JAVA_WORDS.matcher(body).find();
    }
}
