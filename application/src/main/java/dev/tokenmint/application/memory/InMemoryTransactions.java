package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions over in-memory stores: units of work run one at a time; when one throws, every store
 * is put back as it was. Reads outside a unit are not isolated from a unit in progress.
 */
public final class InMemoryTransactions implements Transactions {

  private final ReentrantLock lock = new ReentrantLock();
  private final List<InMemoryStore> stores;

  /** Transactions over {@code stores}. */
  public InMemoryTransactions(InMemoryStore... stores) {
    this.stores = List.of(stores);
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        return work.get();
      }
      List<Object> saved = new ArrayList<>(stores.size());
      stores.forEach(store -> saved.add(store.snapshot()));
      try {
        return work.get();
      } catch (RuntimeException | Error e) {
        for (int i = 0; i < stores.size(); i++) {
          stores.get(i).restore(saved.get(i));
        }
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }
}
