package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.AuditLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** The latest audit records in memory, for embedders and tests. Thread-safe, bounded. */
public final class InMemoryAuditLog implements AuditLog {

  private final int capacity;
  private final Deque<MintRecord> records = new ArrayDeque<>();

  /** Keeps at most {@code capacity} records, dropping the oldest. */
  public InMemoryAuditLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void record(MintRecord record) {
    if (records.size() == capacity) {
      records.removeFirst();
    }
    records.addLast(record);
  }

  @Override
  public synchronized List<MintRecord> recent(String workspaceId, int limit) {
    List<MintRecord> recent = new ArrayList<>();
    Iterator<MintRecord> newestFirst = records.descendingIterator();
    while (newestFirst.hasNext() && recent.size() < limit) {
      MintRecord record = newestFirst.next();
      if (record.workspaceId().equals(workspaceId)) {
        recent.add(record);
      }
    }
    return recent;
  }

  /** The kept records, oldest first. */
  public synchronized List<MintRecord> records() {
    return List.copyOf(records);
  }
}
