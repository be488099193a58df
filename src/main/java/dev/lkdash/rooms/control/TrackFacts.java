package dev.lkdash.rooms.control;

import livekit.LivekitModels;

/** What the events say about one track (one track sid). Every field is a commutative merge. */
final class TrackFacts {

    final String sid;
    /** Track details: from track events (priority 1) over participant payload listings (0). */
    final Pick<LivekitModels.TrackInfo> info = new Pick<>();
    /** Earliest {@code track_published}. */
    Long publishedAt;
    /** Earliest non-leave participant payload listing the track (evidence it was published). */
    Long listedAt;
    /** Earliest {@code track_unpublished}: a tombstone, the track never comes back. */
    Long unpublishedAt;

    TrackFacts(String sid) {
        this.sid = sid;
    }

    boolean published() {
        return publishedAt != null || listedAt != null;
    }

    boolean live() {
        return published() && unpublishedAt == null;
    }

    Long firstPublishedAt() {
        return publishedAt != null ? publishedAt : listedAt;
    }

    static Long min(Long current, long candidate) {
        return current == null || candidate < current ? candidate : current;
    }
}
