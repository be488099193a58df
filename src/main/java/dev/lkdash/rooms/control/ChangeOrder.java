package dev.lkdash.rooms.control;

/**
 * Where a change of the read model comes in commit order across instances: its transaction's
 * number, then its derivation's place in that transaction.
 */
record ChangeOrder(long change, int step) implements Comparable<ChangeOrder> {

    /** Before any step of that transaction's successors: everything committed up to it. */
    static ChangeOrder through(long change) {
        return new ChangeOrder(change, Integer.MAX_VALUE);
    }

    @Override
    public int compareTo(ChangeOrder other) {
        int byChange = Long.compare(change, other.change);
        return byChange != 0 ? byChange : Integer.compare(step, other.step);
    }
}
