package dev.tokenmint.adapter.jdbc;

/**
 * The store contract on PostgreSQL (see {@link TestPostgres} for which server): a new schema for
 * every test, dropped after it.
 */
class PostgresStoresIT extends JdbcStoreContract {

  private TestPostgres.Schema schema;

  @Override
  protected JdbcDatabase openDatabase() {
    if (schema == null) {
      schema = closeAfterTest(TestPostgres.freshSchema());
    }
    return schema.open();
  }
}
