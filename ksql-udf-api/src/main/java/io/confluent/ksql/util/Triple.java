package io.confluent.ksql.util;

/**
 * Three column arguments of a multi-column aggregate, as ksqlDB hands them to {@code Udaf.aggregate}. The server's
 * class lives in ksqldb-common; only the members the pack and its tests use are declared.
 */
public class Triple<T1, T2, T3> {

    private final T1 left;
    private final T2 middle;
    private final T3 right;

    public Triple(T1 left, T2 middle, T3 right) {
        this.left = left;
        this.middle = middle;
        this.right = right;
    }

    public static <L, M, R> Triple<L, M, R> of(L left, M middle, R right) {
        return new Triple<>(left, middle, right);
    }

    public T1 getLeft() {
        return left;
    }

    public T2 getMiddle() {
        return middle;
    }

    public T3 getRight() {
        return right;
    }
}
