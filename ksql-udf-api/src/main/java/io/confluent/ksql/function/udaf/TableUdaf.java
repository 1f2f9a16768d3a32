package io.confluent.ksql.function.udaf;

/** An aggregate a TABLE can feed: {@code undo} takes back a row that was updated or deleted. */
public interface TableUdaf<I, A, O> extends Udaf<I, A, O> {

    A undo(I valueToUndo, A aggregateValue);
}
