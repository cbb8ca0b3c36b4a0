package dev.tokenmint.application.memory;

import dev.tokenmint.application.contract.StoreContract;
import dev.tokenmint.application.contract.Stores;

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
        new InMemoryAuditLog(100),
        new InMemoryRevocationList(),
        new InMemoryTransactions(workspaces, credentials, users, grants, settings));
  }
}
