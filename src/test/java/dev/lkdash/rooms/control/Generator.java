package dev.lkdash.rooms.control;

import static dev.lkdash.rooms.control.Events.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import dev.lkdash.rooms.entity.ProjectedEvent;
import livekit.LivekitAgent;
import livekit.LivekitEgress;
import livekit.LivekitIngress;
import livekit.LivekitModels;
import livekit.LivekitModels.ParticipantInfo.Kind;

/**
 * Generates LiveKit-like traffic: several room names, each with consecutive sessions; participants
 * of every kind joining, publishing (muted or not), unpublishing, leaving, aborting or staying
 * listed until the room finishes; egress, ingress (room name only, as LiveKit sends it), agent
 * jobs, unknown events; dropped room_started / participant_joined / room_finished; the dashboard's
 * presumed ends, standing (after the session's last event), overruled by a room_finished, or
 * voided by a later room-queue event. Events are
 * produced in a causal order and tagged with the LiveKit queue they travel on. The generator also
 * keeps the ground truth the projection must reach.
 */
final class Generator {

    /** Expected outcome of one session. */
    record ExpectedSession(String sid, String name, Long endedAt, String endedBy, boolean live, int numParticipants,
                           int numPublishers, boolean activeRecording, int totalParticipants,
                           Set<String> stillListedSids) {
    }

    final List<ProjectedEvent> events = new ArrayList<>();
    final Map<String, String> queueOf = new HashMap<>();
    final Map<String, ExpectedSession> expected = new LinkedHashMap<>();

    private final Random random;
    /** Decides the presumed ends apart from {@code random}, so that the traffic of a seed stays what it was. */
    private final Random presumptions;
    private int nextId;

    Generator(long seed) {
        random = new Random(seed);
        presumptions = new Random(~seed);
    }

    static Generator generate(long seed) {
        Generator g = new Generator(seed);
        String[] names = {"alpha", "beta", "gamma"};
        for (String name : names) {
            int sessions = 1 + g.random.nextInt(3);
            long start = 1_767_300_000L + g.random.nextInt(50);
            for (int k = 0; k < sessions; k++) {
                boolean last = k == sessions - 1;
                start = g.session(name, k, start, last) + 60 + g.random.nextInt(240);
            }
        }
        return g;
    }

    private String id() {
        return String.format("EV_g%05d", nextId++);
    }

    private void emit(ProjectedEvent e, String queue) {
        events.add(e);
        queueOf.put(e.eventId(), queue);
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private final class Person {
        LivekitModels.ParticipantInfo info;
        final Map<String, LivekitModels.TrackInfo> liveTracks = new LinkedHashMap<>();
        boolean present = true;
    }

    /** One session; returns its end time (s). */
    private long session(String name, int index, long start, boolean lastOfName) {
        String sid = "RM_" + name + index;
        LivekitModels.Room room = room(sid, name, start);
        String roomQueue = "room:" + sid;
        long end = start + 200 + random.nextInt(300);
        if (chance(0.85)) {
            emit(roomStarted(id(), start, room), roomQueue);
        }
        List<Person> people = new ArrayList<>();
        Set<String> identities = new TreeSet<>();
        // the room's own queue is written in time order: collect (time, action) and sort
        List<long[]> order = new ArrayList<>();
        List<Runnable> actions = new ArrayList<>();
        java.util.function.BiConsumer<Long, Runnable> at = (t, action) -> {
            order.add(new long[] {t, actions.size()});
            actions.add(action);
        };

        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            Kind kind = chance(0.6) ? Kind.STANDARD : chance(0.5) ? Kind.AGENT : Kind.SIP;
            String identity = kind.name().toLowerCase() + "-" + random.nextInt(4);
            addPerson(room, roomQueue, sid + "_P" + i, identity, kind, start + 1 + random.nextInt(30), end,
                    people, identities, at);
        }
        boolean recording = false;
        if (chance(0.6)) {
            String egressId = "EG_" + sid;
            String q = "egress:" + egressId;
            long es = start + 2 + random.nextInt(20);
            boolean ends = chance(0.6);
            long ee = es + 30 + random.nextInt(100);
            emit(egress(id(), "egress_started", es, egressInfo(egressId, room,
                    LivekitEgress.EgressStatus.EGRESS_STARTING, 0, 0)), q);
            emit(egress(id(), "egress_updated", es + (chance(0.5) ? 0 : 1), egressInfo(egressId, room,
                    LivekitEgress.EgressStatus.EGRESS_ACTIVE, es, 0)), q);
            if (ends) {
                emit(egress(id(), "egress_ended", ee, egressInfo(egressId, room,
                        chance(0.8) ? LivekitEgress.EgressStatus.EGRESS_COMPLETE
                                : LivekitEgress.EgressStatus.EGRESS_FAILED, es, ee)), q);
            }
            recording = !ends;
            addPerson(room, roomQueue, sid + "_EG", "EG-recorder-" + sid, Kind.EGRESS, es, ends ? ee : end + 1,
                    people, identities, at);
        }
        if (chance(0.5)) {
            String ingressId = "IN_" + sid;
            String q = "ingress:" + ingressId;
            long is = start + 2 + random.nextInt(20);
            long ie = is + 20 + random.nextInt(100);
            emit(ingress(id(), "ingress_started", is, ingressInfo(ingressId, name,
                    LivekitIngress.IngressState.Status.ENDPOINT_PUBLISHING)), q);
            if (chance(0.7)) {
                emit(ingress(id(), "ingress_ended", ie, ingressInfo(ingressId, name,
                        LivekitIngress.IngressState.Status.ENDPOINT_INACTIVE)), q);
                addPerson(room, roomQueue, sid + "_IN", "ingress-" + ingressId, Kind.INGRESS, is + 1, ie, people,
                        identities, at);
            } else {
                addPerson(room, roomQueue, sid + "_IN", "ingress-" + ingressId, Kind.INGRESS, is + 1, end + 1,
                        people, identities, at);
            }
        }
        if (chance(0.4)) {
            String jobId = "AJ_" + sid;
            String q = "job:" + jobId;
            long js = start + 1 + random.nextInt(10);
            emit(jobEvent(id(), "agent_job_started", js, job(jobId, room, "agent-job", LivekitAgent.JobStatus.JS_RUNNING)), q);
            emit(jobEvent(id(), "agent_job_ended", js + 50, job(jobId, room, "agent-job", LivekitAgent.JobStatus.JS_SUCCESS)), q);
        }
        if (chance(0.4)) {
            long t = start + 5 + random.nextInt(100);
            at.accept(t, () -> emit(event(id(), "room_metadata_changed", t, b -> b.setRoom(room)), roomQueue));
        }
        order.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] o : order) {
            actions.get((int) o[1]).run();
        }

        boolean finished = lastOfName ? chance(0.5) : chance(0.75);
        if (!finished && !lastOfName) {
            // superseded: make sure the session's own last event is a room-queue event at end - 1
            emit(event(id(), "participant_left", end - 1, b -> b.setRoom(room).setParticipant(
                    LivekitModels.ParticipantInfo.newBuilder().setSid(sid + "_ghost").setIdentity("ghost")
                            .setJoinedAt(end - 2).setKind(Kind.EGRESS))), roomQueue);
        }
        if (finished) {
            emit(roomFinished(id(), end, rev(room, end)), roomQueue);
        }
        String presumedQueue = "presumed:" + sid;
        if (presumptions.nextDouble() < 0.3) {
            // voided: the room's own queue has an event after it (the latest one at least a second later)
            long latest = events.stream().filter(e -> roomQueue.equals(queueOf.get(e.eventId()))
                    && !e.name().equals("room_finished") && !e.name().equals("room_metadata_changed"))
                    .mapToLong(e -> e.event().getCreatedAt()).max().orElseThrow();
            emit(presumedEnded(Math.max(start, latest - 1), room), presumedQueue);
        }
        Long presumedAt = null;
        if (presumptions.nextDouble() < (lastOfName ? 0.1 : 0.6)) { // keeping most of the live rooms live
            presumedAt = end + 5 + presumptions.nextInt(10); // before any successor starts
            emit(presumedEnded(presumedAt, room), presumedQueue);
        }
        boolean presumedEnded = !finished && presumedAt != null;
        boolean live = !finished && lastOfName && !presumedEnded;
        int numParticipants = 0;
        int numPublishers = 0;
        Set<String> stillListed = new TreeSet<>();
        for (Person p : people) {
            if (p.present) {
                stillListed.add(p.info.getSid());
                if (p.info.getKind() != Kind.EGRESS) {
                    numParticipants++;
                    if (!p.liveTracks.isEmpty()) {
                        numPublishers++;
                    }
                }
            }
        }
        String endedBy = finished ? "room_finished" : presumedEnded ? "presumed_ended" : live ? null
                : "session_superseded";
        Long endedAt = finished ? Long.valueOf(end * 1000) : presumedEnded ? Long.valueOf(presumedAt * 1000) : null;
        expected.put(sid, new ExpectedSession(sid, name, endedAt, endedBy, live,
                live ? numParticipants : 0, live ? numPublishers : 0, live && recording, identities.size(),
                stillListed));
        return end;
    }

    /** The room as LiveKit describes it at time t: its metadata changes during the session. */
    private static LivekitModels.Room rev(LivekitModels.Room room, long t) {
        return room.toBuilder().setMetadata("rev-" + t).build();
    }

    /** Participants may change their name and metadata before leaving. */
    private static LivekitModels.ParticipantInfo renamed(LivekitModels.ParticipantInfo p) {
        return p.toBuilder().setName(p.getName() + " (renamed)").setMetadata("bye").build();
    }

    private void addPerson(LivekitModels.Room room, String queue, String psid, String identity, Kind kind,
                           long join, long end, List<Person> people, Set<String> identities,
                           java.util.function.BiConsumer<Long, Runnable> at) {
        Person person = new Person();
        person.info = participant(psid, identity, kind, join).toBuilder().putAttributes("seat", identity).build();
        people.add(person);
        if (kind != Kind.EGRESS) {
            identities.add(identity);
        }
        // LiveKit's recorder subscribes only; a publisher known only from track events (whose minimal
        // participant has no kind) would otherwise be indistinguishable from a STANDARD one
        int tracks = kind == Kind.EGRESS ? 0 : random.nextInt(3);
        boolean dropJoin = tracks > 0 && chance(0.15); // a track event then introduces the participant
        if (!dropJoin) {
            at.accept(join, () -> emit(joined(id(), join, rev(room, join), person.info), queue));
        }
        long t = join;
        for (int k = 0; k < tracks; k++) {
            LivekitModels.TrackInfo track = chance(0.5) ? video(psid + "_TR" + k, "cam" + k, chance(0.3))
                    : audio(psid + "_TR" + k, "mic" + k, chance(0.3));
            long pub = t + random.nextInt(3);
            t = pub;
            at.accept(pub, () -> emit(published(id(), pub, room, person.info, track), queue));
            person.liveTracks.put(track.getSid(), track);
            if (chance(0.4)) {
                long unpub = Math.min(pub + 1 + random.nextInt(60), end - 1);
                if (unpub >= pub) {
                    LivekitModels.TrackInfo muteFlipped = track.toBuilder().setMuted(!track.getMuted()).build();
                    at.accept(unpub, () -> emit(unpublished(id(), unpub, room, person.info, muteFlipped), queue));
                    person.liveTracks.remove(track.getSid());
                }
            }
        }
        double leave = random.nextDouble();
        long leftAt = Math.max(t + 1, Math.min(end - 1, join + 40 + random.nextInt(200)));
        if (leftAt >= end) {
            return; // stays listed
        }
        if (leave < 0.55) {
            LivekitModels.DisconnectReason reason = chance(0.5) ? LivekitModels.DisconnectReason.CLIENT_INITIATED
                    : LivekitModels.DisconnectReason.ROOM_CLOSED;
            at.accept(leftAt, () -> emit(left(id(), leftAt, rev(room, leftAt), renamed(person.info), reason), queue));
            person.present = false;
            person.liveTracks.clear();
        } else if (leave < 0.75) {
            at.accept(leftAt, () -> emit(aborted(id(), leftAt, rev(room, leftAt), person.info), queue));
            if (chance(0.5)) {
                at.accept(leftAt + 1, () -> emit(left(id(), leftAt + 1, room, person.info,
                        LivekitModels.DisconnectReason.CLIENT_INITIATED), queue));
            }
            person.present = false;
            person.liveTracks.clear();
        }
        // otherwise: still listed when the session ends
    }
}
