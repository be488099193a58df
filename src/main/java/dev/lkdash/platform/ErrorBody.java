package dev.lkdash.platform;

import static dev.lkdash.platform.JsonProviders.JSON;

/** The JSON body of every error answer: {@code {"error":"<code>","message":"…"}}. */
public record ErrorBody(String error, String message) {

    public String toJson() {
        return JSON.createObjectBuilder()
                .add("error", error)
                .add("message", message == null ? "" : message)
                .build()
                .toString();
    }
}
