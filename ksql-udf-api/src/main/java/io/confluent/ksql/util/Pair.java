package io.confluent.ksql.util;

/**
 * Two column arguments of a multi-column aggregate, as ksqlDB hands them to {@code Udaf.aggregate}. The server's
 * class lives in ksqldb-common; only the members the pack and its tests use are declared.
 */
public class Pair<T1, T2> {

    private final T1 left;
    private final T2 right;

    public Pair(T1 left, T2 right) {
        this.left = left;
        this.right = right;
    }

    public static <L, R> Pair<L, R> of(L left, R right) {
        return new Pair<>(left, right);
    }

    public T1 getLeft() {
        return left;
    }

    public T2 getRight() {
        return right;
    }
}
