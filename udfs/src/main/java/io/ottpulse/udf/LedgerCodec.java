package io.ottpulse.udf;

import io.ottpulse.activity.viewing.ViewingLedger;
import org.apache.kafka.connect.data.Schema;

/** How one kind of ledger is kept in a field of an aggregate struct. */
interface LedgerCodec<L extends ViewingLedger<L>> {

    /** The struct field holding the ledger, or null when the ledger keeps nothing. */
    String field();

    L empty();

    /** The field value for {@code ledger}, built to {@code schema} (the field's schema). */
    Object write(L ledger, Schema schema);

    /** The ledger from a field value as ksqlDB hands it back; null reads as empty. */
    L read(Object value);
}
