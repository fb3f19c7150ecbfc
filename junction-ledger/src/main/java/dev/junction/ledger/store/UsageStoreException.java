package dev.junction.ledger.store;

/** The store could not be reached, migrated or written; the rows of the failed call were not stored. */
public final class UsageStoreException extends RuntimeException {
    public UsageStoreException(String message, Throwable cause) { super(message, cause); }
}
