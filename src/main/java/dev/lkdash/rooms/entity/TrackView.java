package dev.lkdash.rooms.entity;

/**
 * A published track of a present participant. {@code type} is {@code AUDIO} when LiveKit left it
 * out (protobuf zero value).
 */
public record TrackView(String sid, String type, String source, String name, boolean simulcast, int width,
                        int height, boolean muted, String mimeType) {
}
