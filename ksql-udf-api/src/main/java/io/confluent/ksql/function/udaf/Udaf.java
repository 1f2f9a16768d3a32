package io.confluent.ksql.function.udaf;

/**
 * An aggregate function: {@code initialize}, then {@code aggregate} per row, {@code merge} when session windows
 * merge, and {@code map} to the result.
 *
 * <p>The server's interface also has three default methods for polymorphic aggregates
 * ({@code initializeTypeArguments}, {@code getAggregateSqlType}, {@code getReturnSqlType}); the pack neither calls nor
 * overrides them, and declaring them would mean declaring ksqlDB's type model too, so they are left out here. A class
 * compiled against this declaration inherits the server's defaults at run time.
 */
public interface Udaf<I, A, O> {

    A initialize();

    A aggregate(I current, A aggregate);

    A merge(A aggOne, A aggTwo);

    O map(A agg);
}
