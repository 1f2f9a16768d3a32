package io.confluent.ksql.function.udaf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A static method returning one signature of an aggregate function; its own parameters are literal arguments. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface UdafFactory {

    String description();

    /** SQL types of the column arguments, needed for STRUCT inputs (an array since ksqlDB 0.29 / CP 7.3). */
    String[] paramSchema() default "";

    /** SQL type of the intermediate aggregate, needed when it is a STRUCT. */
    String aggregateSchema() default "";

    /** SQL type of the result, needed when it is or holds a STRUCT. */
    String returnSchema() default "";
}
