package dev.tokenmint.application.memory;

import dev.tokenmint.application.contract.StoreContract;
import dev.tokenmint.application.contract.Stores;
import dev.tokenmint.application.port.out.UserRecords;

/** The store contract, in memory. */
class InMemoryStoresTest extends StoreContract {

  @Override
  protected Stores newStores() {
    var workspaces = new InMemoryWorkspaceStore();
    var credentials = new InMemoryCredentialStore();
    var users = new InMemoryUserDirectory();
    var grants = new InMemoryGrantStore();
    var settings = new InMemoryWorkspaceSettings();
    return new Stores(
        workspaces,
        settings,
        credentials,
        new InMemoryKeyRing(),
        users,
        grants,
        UserRecords.of(users, grants),
        new InMemoryAuditLog(100),
        new InMemoryRevocationList(),
        new InMemoryTransactions(workspaces, credentials, users, grants, settings));
  }
}
