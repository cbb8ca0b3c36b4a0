package dev.tokenmint.application.contract;

import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.RevocationList;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.application.port.out.UserRecords;
import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.application.port.out.WorkspaceStore;

/** One implementation of every store port, sharing one (empty) state, for {@link StoreContract}. */
public record Stores(
    WorkspaceStore workspaces,
    WorkspaceSettings settings,
    CredentialStore credentials,
    KeyRing keyRing,
    UserDirectory users,
    GrantStore grants,
    UserRecords userRecords,
    AuditLog audit,
    RevocationList revocations,
    Transactions transactions) {}
