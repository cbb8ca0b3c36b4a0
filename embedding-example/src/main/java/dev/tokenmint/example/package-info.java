/**
 * The embedding example of {@code docs/embedding.md} lives in this module's tests: tokenmint's
 * {@code domain}, {@code application} and {@code adapters-crypto} used as a library, with no HTTP
 * server and no database. There is no main code.
 */
package dev.tokenmint.example;
