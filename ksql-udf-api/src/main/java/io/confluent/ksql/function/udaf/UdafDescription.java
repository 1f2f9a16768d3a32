package io.confluent.ksql.function.udaf;

import io.confluent.ksql.function.FunctionCategory;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a class whose static {@link UdafFactory} methods are one aggregate function. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UdafDescription {

    String name();

    String description();

    String category() default FunctionCategory.AGGREGATE;

    String author() default "";

    String version() default "";
}
