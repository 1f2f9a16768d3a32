package io.confluent.ksql.function.udf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One signature of a scalar function. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Udf {

    String NO_SCHEMA = "";
    String NO_SCHEMA_PROVIDER = "";

    String description() default "";

    /** The SQL return type, needed for STRUCT and DECIMAL returns. */
    String schema() default NO_SCHEMA;

    String schemaProvider() default NO_SCHEMA_PROVIDER;
}
