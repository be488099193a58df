package dev.lkdash.platform;

/** The JSON body of every error answer: {@code {"error":"<code>","message":"…"}}. */
public record ErrorBody(String error, String message) {
}
