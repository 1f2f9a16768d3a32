package io.confluent.ksql.function.udtf;

import io.confluent.ksql.function.FunctionCategory;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a class whose public {@link Udtf} methods are one table function. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UdtfDescription {

    String name();

    String description();

    String category() default FunctionCategory.TABLE;

    String author() default "";

    String version() default "";
}
