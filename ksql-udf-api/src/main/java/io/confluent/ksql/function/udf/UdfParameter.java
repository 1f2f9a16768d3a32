package io.confluent.ksql.function.udf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names and documents a function parameter. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface UdfParameter {

    /** The parameter name; ksqlDB falls back to the compiled name ({@code -parameters}) when empty. */
    String value() default "";

    String description() default "";

    /** The SQL type, needed for STRUCT parameters. */
    String schema() default "";
}
