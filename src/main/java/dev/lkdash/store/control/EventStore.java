package dev.lkdash.store.control;

import dev.lkdash.store.entity.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Appends accepted events, reads them back for a rebuild, deletes them past the retention. */
@ApplicationScoped
public class EventStore {

    /** Rows read per query while replaying, so that a long history is never held twice. */
    static final int READ_BATCH = 1000;
    /** Room sids per IN list (databases limit bind parameters). */
    static final int SIDS_PER_DELETE = 500;

    @Inject
    Database database;

    /**
     * Stores an event, committed when this returns.
     *
     * @return false when an event with that id is stored already (a LiveKit retry after a restart)
     * @throws PersistenceException when it could not be stored
     */
    public boolean append(RecordedEvent event) {
        try {
            database.inTransaction(em -> {
                em.persist(event);
                return null;
            });
            return true;
        } catch (PersistenceException notStored) {
            if (contains(event.eventId())) {
                return false;
            }
            throw notStored;
        }
    }

    public boolean contains(String eventId) {
        return database.read(em -> em.find(RecordedEvent.class, eventId) != null);
    }

    /** Hands every stored event to the consumer, in event id order, a batch at a time. */
    public void replay(Consumer<RecordedEvent> consumer) {
        String after = "";
        while (true) {
            String from = after;
            List<RecordedEvent> batch = database.read(em -> em
                    .createNamedQuery(RecordedEvent.AFTER_ID, RecordedEvent.class)
                    .setParameter("after", from)
                    .setMaxResults(READ_BATCH)
                    .getResultList());
            batch.forEach(consumer);
            if (batch.size() < READ_BATCH) {
                return;
            }
            after = batch.get(batch.size() - 1).eventId();
        }
    }

    /**
     * Deletes the events of the expired room sessions, and every other event older than the
     * cutoff unless it belongs to a session that is kept (one still live or ended after the
     * cutoff).
     *
     * @return the number of events deleted
     */
    public int prune(Collection<String> expiredSids, Collection<String> keptSids, long cutoffMillis) {
        return database.inTransaction(em -> {
            int deleted = 0;
            for (List<String> sids : chunks(expiredSids)) {
                deleted += em.createQuery("DELETE FROM RecordedEvent e WHERE e.roomSid IN :sids")
                        .setParameter("sids", sids).executeUpdate();
            }
            if (keptSids.isEmpty()) {
                deleted += em.createQuery("DELETE FROM RecordedEvent e WHERE e.createdAt < :cutoff")
                        .setParameter("cutoff", cutoffMillis).executeUpdate();
            } else {
                List<String> kept = List.copyOf(keptSids);
                deleted += em.createQuery("DELETE FROM RecordedEvent e WHERE e.createdAt < :cutoff "
                                + "AND (e.roomSid IS NULL OR e.roomSid NOT IN :kept)")
                        .setParameter("cutoff", cutoffMillis).setParameter("kept", kept).executeUpdate();
            }
            return deleted;
        });
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SIDS_PER_DELETE) {
            chunks.add(all.subList(from, Math.min(all.size(), from + SIDS_PER_DELETE)));
        }
        return chunks;
    }
}
