package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The latest audit records and events in memory, for embedders and tests. Thread-safe, bounded: the
 * oldest go first, so it never lacks room and refuses nothing.
 */
public final class InMemoryAuditLog implements AuditLog {

  /** A minted token's record or an event, at its position. */
  private record Entry(long position, MintRecord minted, AuditEvent event) {
    AuditEvent asEvent() {
      return minted != null ? minted.toEvent() : event;
    }
  }

  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long lastPosition;

  /** Keeps at most {@code capacity} records and events, dropping the oldest. */
  public InMemoryAuditLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public void record(MintRecord record) {
    append(record, null);
  }

  @Override
  public Reservation reserve(int events) {
    return Reservation.of(events, event -> append(null, event), unused -> {});
  }

  /** Positions are the order of recording: {@code after} is the position of the last event read. */
  @Override
  public synchronized Slice read(
      String workspaceId, AuditFilter filter, Optional<String> after, int limit) {
    long before = after.map(Long::parseLong).orElse(Long.MAX_VALUE);
    List<AuditEvent> found = new ArrayList<>();
    long last = 0;
    Iterator<Entry> newestFirst = entries.descendingIterator();
    while (newestFirst.hasNext()) {
      Entry entry = newestFirst.next();
      if (entry.position() >= before) {
        continue;
      }
      AuditEvent event = entry.asEvent();
      if (event.workspaceId().equals(workspaceId) && filter.matches(event)) {
        if (found.size() == limit) {
          return new Slice(found, Optional.of(String.valueOf(last)));
        }
        found.add(event);
        last = entry.position();
      }
    }
    return new Slice(found, Optional.empty());
  }

  /** The kept records of minted tokens, oldest first. */
  public synchronized List<MintRecord> records() {
    return entries.stream().filter(e -> e.minted() != null).map(Entry::minted).toList();
  }

  /** The kept events of administrative changes, oldest first. */
  public synchronized List<AuditEvent> events() {
    return entries.stream().filter(e -> e.event() != null).map(Entry::event).toList();
  }

  private synchronized void append(MintRecord minted, AuditEvent event) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(++lastPosition, minted, event));
  }
}
