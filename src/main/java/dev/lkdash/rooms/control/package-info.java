/**
 * The projection of LiveKit webhook events into live state and session history
 * ({@link dev.lkdash.rooms.control.RoomProjection}).
 *
 * <h2>Convergence rules</h2>
 * LiveKit delivers room, participant and track events FIFO per room, egress and ingress events on
 * their own queues, interleaved arbitrarily, with retries (duplicates). The projected state is a
 * pure function of the <em>set</em> of events, so every such order, and in fact every order at all,
 * gives the same result:
 * <ol>
 * <li><b>Identity.</b> An event is its id; a second event with a known id is ignored (the first
 * copy wins; LiveKit's retries are identical).</li>
 * <li><b>Canonical order.</b> Where "latest" or "earliest" matters, events are compared by
 * ({@code createdAt}, causal rank of the event name, event id): the rank breaks the frequent
 * same-second ties by meaning (room_started &lt; participant_joined &lt; track_published &lt;
 * egress/ingress started &lt; track_unpublished &lt; unknown &lt; *_ended &lt;
 * participant_connection_aborted &lt; participant_left &lt; room_presumed_ended &lt; room_finished),
 * the id makes it total.
 * Arrival order and receipt time are never used.</li>
 * <li><b>Merges, not updates.</b> Each fact is merged commutatively: details (names, metadata,
 * kind, track info incl. muted) come from the latest event carrying them, full payloads
 * (participant events, full room objects) preferred over the minimal copies in track events;
 * first-seen/published times take the minimum.</li>
 * <li><b>Tombstones.</b> A participant sid with a leave is gone for good ({@code participant_left}
 * beats {@code participant_connection_aborted}; the earliest of the same kind counts); a track
 * sid with a {@code track_unpublished} is gone for good; a room sid with a {@code room_finished}
 * is over. A late, earlier event (a join after its leave, a publish after its unpublish) records
 * history but never resurrects. LiveKit gives each connection, publication and room session a new
 * sid, so a sid never legitimately comes back.</li>
 * <li><b>Creation by any event.</b> A participant exists once any event names its sid (a track
 * event for an unknown participant creates it, present unless a leave is known); a room session
 * exists once any event with a known name carries its room sid (an egress {@code roomId} or an
 * agent job's room too). Unknown event names join the timeline of the session they name and
 * change nothing else.</li>
 * <li><b>Egress/agent jobs</b> take the most advanced status by LiveKit's status order and are
 * ended once an *_ended event or a terminal status is seen; <b>ingress</b> (reusable) takes the
 * latest event's state.</li>
 * <li><b>Ingress without room sid.</b> Most ingress events name only the room: they attach, at
 * read time, to the session of that name whose [start, end] contains the event time, else to one
 * starting up to 30 s later or ended shortly before (10 s; 5 min for end events).</li>
 * <li><b>Session end</b>, the first that applies: {@code room_finished}; a standing presumed end
 * (rule 9), capped at the successor's start; when a later session of the same name exists
 * (LiveKit room names are unique among live rooms, so a {@code room_finished} was lost), the
 * session's last event capped at the successor's start; or, for a session seen only through
 * egress/ingress/agent-job events, when none of those is still active. The session's
 * {@code endedBy} says which ({@code room_finished}, {@code presumed_ended},
 * {@code session_superseded}, {@code session_inactive}). Participants still listed when a session
 * ends leave with it ({@code leftAt} = session end, the session's {@code endedBy}, no disconnect
 * reason).</li>
 * <li><b>Presumed end.</b> {@code room_presumed_ended} is the dashboard's own event, recorded
 * only while there is no {@code livekit.url} to reconcile with, for a live room nobody holds open
 * that has had no event for its {@code emptyTimeout} plus {@code departureTimeout} (see
 * {@code reconciliation.control.PresumedEnds}); its id is made of the room sid and its time. It
 * names the room's sid and name only, so it adds no room facts and is not a room-queue event. The
 * latest presumption <em>stands</em> while no room-queue event (room, participant or track event
 * other than {@code room_finished}) comes after it in canonical order: a join, a publish or a
 * leave after the presumed time shows the room was still open, and the session is live again
 * until a later presumption or its {@code room_finished}. Egress, ingress and agent-job events and
 * unknown names do not count (a recorder stops after its room closed). A {@code room_finished}
 * always wins, whether it arrives before or after the presumption and whatever its time. Both
 * "latest presumption" and "latest room-queue event" are maxima over the set, so the outcome does
 * not depend on order.</li>
 * <li><b>Derived counts</b>, never copied from payloads: {@code numParticipants} = present
 * participants of every kind except {@code EGRESS} (the recorder is shown as
 * {@code activeRecording}; agents, SIP and ingress participants count, as in LiveKit);
 * {@code numPublishers} = those with at least one live track (muted included);
 * {@code activeRecording} = an egress of the session in {@code EGRESS_STARTING} or
 * {@code EGRESS_ACTIVE} and not ended. Peak participants are computed from the participants'
 * [joinedAt, leftAt) intervals; total participants are distinct identities (same kinds).</li>
 * </ol>
 * Only the durations of live sessions and present participants depend on the clock.
 */
package dev.lkdash.rooms.control;
