package dev.lkdash.rooms.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import dev.lkdash.sessions.entity.AgentJobView;
import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.IngressView;
import dev.lkdash.rooms.entity.ProjectedEvent;
import livekit.LivekitAgent;
import livekit.LivekitEgress;
import livekit.LivekitIngress;

/**
 * Egress, ingress and agent-job records folded from their events with commutative rules:
 * <ul>
 * <li>egress: the most advanced status by LiveKit's order STARTING &lt; ACTIVE &lt; ENDING &lt;
 * terminal (COMPLETE, FAILED, ABORTED, LIMIT_REACHED; between terminals the latest event);
 * ended once {@code egress_ended} or a terminal status is seen;</li>
 * <li>ingress (reusable, may stop and start again): the latest event's state;</li>
 * <li>agent job: the most advanced status PENDING &lt; RUNNING &lt; SUCCESS/FAILED; ended once
 * {@code agent_job_ended} or a terminal status is seen.</li>
 * </ul>
 */
final class Records {

    private Records() {
    }

    private static <T> Map<String, List<Map.Entry<EventKey, ProjectedEvent>>> group(
            SortedMap<EventKey, ProjectedEvent> events, java.util.function.Function<ProjectedEvent, String> id) {
        Map<String, List<Map.Entry<EventKey, ProjectedEvent>>> groups = new LinkedHashMap<>();
        for (Map.Entry<EventKey, ProjectedEvent> entry : events.entrySet()) {
            String key = id.apply(entry.getValue());
            if (key != null && !key.isEmpty()) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
            }
        }
        return groups;
    }

    static int egressRank(LivekitEgress.EgressStatus status) {
        return switch (status) {
            case EGRESS_STARTING -> 0;
            case EGRESS_ACTIVE -> 1;
            case EGRESS_ENDING -> 2;
            case UNRECOGNIZED -> -1;
            default -> 3;
        };
    }

    static List<EgressView> egress(SortedMap<EventKey, ProjectedEvent> events, String sessionSid) {
        List<EgressView> views = new ArrayList<>();
        group(events, e -> e.event().getEgressInfo().getEgressId()).forEach((egressId, entries) -> {
            Pick<LivekitEgress.EgressInfo> status = new Pick<>();
            Pick<LivekitEgress.EgressInfo> latest = new Pick<>();
            boolean endedEvent = false;
            long started = 0;
            long ended = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Map.Entry<EventKey, ProjectedEvent> entry : entries) {
                LivekitEgress.EgressInfo info = entry.getValue().event().getEgressInfo();
                EventKey key = entry.getKey();
                status.offer(egressRank(info.getStatus()), key, info);
                latest.offer(0, key, info);
                endedEvent |= EventType.of(entry.getValue().name()) == EventType.EGRESS_ENDED;
                long s = Times.nanosToMillis(info.getStartedAt());
                if (s > 0 && (started == 0 || s < started)) {
                    started = s;
                }
                ended = Math.max(ended, Times.nanosToMillis(info.getEndedAt()));
                first = Math.min(first, key.time());
                last = Math.max(last, key.time());
            }
            LivekitEgress.EgressInfo best = status.value();
            int rank = egressRank(best.getStatus());
            boolean isEnded = endedEvent || rank == 3;
            boolean active = !isEnded && rank >= 0 && rank < 2;
            Long endedAt = isEnded ? Long.valueOf(ended > 0 ? ended : last) : null;
            views.add(new EgressView(egressId, sessionSid, latest.value().getRoomName(), best.getStatus().name(),
                    active, started > 0 ? started : first, endedAt, blankToNull(best.getError())));
        });
        views.sort(Comparator.comparing((EgressView v) -> v.startedAt()).thenComparing(EgressView::egressId));
        return views;
    }

    static List<IngressView> ingress(SortedMap<EventKey, ProjectedEvent> events, String sessionSid) {
        List<IngressView> views = new ArrayList<>();
        group(events, e -> e.event().getIngressInfo().getIngressId()).forEach((ingressId, entries) -> {
            Pick<ProjectedEvent> latest = new Pick<>();
            long stateStarted = 0;
            long firstStartedEvent = Long.MAX_VALUE;
            long first = Long.MAX_VALUE;
            for (Map.Entry<EventKey, ProjectedEvent> entry : entries) {
                EventKey key = entry.getKey();
                LivekitIngress.IngressInfo info = entry.getValue().event().getIngressInfo();
                latest.offer(0, key, entry.getValue());
                long s = Times.nanosToMillis(info.getState().getStartedAt());
                if (s > 0 && (stateStarted == 0 || s < stateStarted)) {
                    stateStarted = s;
                }
                if (EventType.of(entry.getValue().name()) == EventType.INGRESS_STARTED) {
                    firstStartedEvent = Math.min(firstStartedEvent, key.time());
                }
                first = Math.min(first, key.time());
            }
            ProjectedEvent last = latest.value();
            LivekitIngress.IngressInfo info = last.event().getIngressInfo();
            LivekitIngress.IngressState.Status status = info.getState().getStatus();
            boolean active = EventType.of(last.name()) != EventType.INGRESS_ENDED
                    && status != LivekitIngress.IngressState.Status.ENDPOINT_ERROR
                    && status != LivekitIngress.IngressState.Status.ENDPOINT_COMPLETE;
            long startedAt = stateStarted > 0 ? stateStarted
                    : firstStartedEvent != Long.MAX_VALUE ? firstStartedEvent : first;
            Long endedAt = null;
            if (!active) {
                long stateEnded = Times.nanosToMillis(info.getState().getEndedAt());
                endedAt = stateEnded > 0 ? stateEnded : last.createdAtMillis();
            }
            views.add(new IngressView(ingressId, info.getName(), sessionSid, info.getRoomName(),
                    info.getParticipantIdentity(), status.name(), active, startedAt, endedAt,
                    blankToNull(info.getState().getError())));
        });
        views.sort(Comparator.comparing((IngressView v) -> v.startedAt()).thenComparing(IngressView::ingressId));
        return views;
    }

    static int jobRank(LivekitAgent.JobStatus status) {
        return switch (status) {
            case JS_PENDING -> 0;
            case JS_RUNNING -> 1;
            case UNRECOGNIZED -> -1;
            default -> 2;
        };
    }

    static List<AgentJobView> jobs(SortedMap<EventKey, ProjectedEvent> events, String sessionSid) {
        List<AgentJobView> views = new ArrayList<>();
        group(events, e -> e.job() == null ? null : e.job().getId()).forEach((jobId, entries) -> {
            Pick<LivekitAgent.Job> status = new Pick<>();
            Pick<LivekitAgent.Job> latest = new Pick<>();
            boolean endedEvent = false;
            long started = 0;
            long ended = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Map.Entry<EventKey, ProjectedEvent> entry : entries) {
                LivekitAgent.Job job = entry.getValue().job();
                EventKey key = entry.getKey();
                status.offer(jobRank(job.getState().getStatus()), key, job);
                latest.offer(0, key, job);
                endedEvent |= EventType.of(entry.getValue().name()) == EventType.AGENT_JOB_ENDED;
                long s = Times.nanosToMillis(job.getState().getStartedAt());
                if (s > 0 && (started == 0 || s < started)) {
                    started = s;
                }
                ended = Math.max(ended, Times.nanosToMillis(job.getState().getEndedAt()));
                first = Math.min(first, key.time());
                last = Math.max(last, key.time());
            }
            LivekitAgent.Job best = status.value();
            LivekitAgent.Job job = latest.value();
            int rank = jobRank(best.getState().getStatus());
            boolean isEnded = endedEvent || rank == 2;
            String identity = !best.getState().getParticipantIdentity().isEmpty()
                    ? best.getState().getParticipantIdentity() : job.getParticipant().getIdentity();
            views.add(new AgentJobView(jobId, job.getType().name(), job.getAgentName(), sessionSid,
                    job.getRoom().getName(), blankToNull(identity), best.getState().getStatus().name(),
                    !isEnded && rank >= 0, started > 0 ? started : first,
                    isEnded ? Long.valueOf(ended > 0 ? ended : last) : null, blankToNull(best.getState().getError())));
        });
        views.sort(Comparator.comparing((AgentJobView v) -> v.startedAt()).thenComparing(AgentJobView::jobId));
        return views;
    }

    static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
