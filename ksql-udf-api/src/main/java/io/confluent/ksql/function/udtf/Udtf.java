package io.confluent.ksql.function.udtf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One signature of a table function: it returns a List, one output row per element. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Udtf {

    String description() default "";

    /** The SQL type of one element, needed for STRUCT elements. */
    String schema() default "";

    String schemaProvider() default "";
}
