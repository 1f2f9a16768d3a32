package io.ottpulse.udf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the built jar the way a ksqlDB server does: in its own class loader whose parent holds only what the server
 * provides (the UDF API, Connect, Kafka clients), and checks the rules ksqlDB's loaders enforce (../shared/
 * KSQL-UDF-API.md section 5) on what it finds, by reflection against the server-side classes.
 */
class JarConformanceIT {

    private static Path jar;
    private static URLClassLoader server;
    private static URLClassLoader extension;
    private static List<String> entries;
    private static List<Class<?>> classes;

    private static Class<? extends Annotation> udfDescription;
    private static Class<? extends Annotation> udf;
    private static Class<? extends Annotation> udfParameter;
    private static Class<? extends Annotation> udafDescription;
    private static Class<? extends Annotation> udafFactory;
    private static Class<? extends Annotation> udtfDescription;
    private static Class<? extends Annotation> udtf;
    private static Class<?> udaf;
    private static Class<?> tableUdaf;
    private static Class<?> struct;
    private static Set<Class<?>> supported;
    private static Set<Class<?>> tuples;

    @BeforeAll
    static void openTheJarLikeAServer() throws Exception {
        jar = Path.of(System.getProperty("udf.jar"));
        List<URL> provided = new ArrayList<>();
        for (String path : Files.readString(Path.of(System.getProperty("udf.server.classpath"))).trim()
                .split(java.io.File.pathSeparator)) {
            provided.add(Path.of(path).toUri().toURL());
        }
        server = new URLClassLoader("ksqldb-server", provided.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        extension = new URLClassLoader("ksqldb-extension", new URL[] {jar.toUri().toURL()}, server);
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(entry -> entry.getName()).toList();
        }
        classes = new ArrayList<>();
        for (String entry : entries) {
            if (entry.endsWith(".class")) {
                classes.add(Class.forName(entry.substring(0, entry.length() - 6).replace('/', '.'), true, extension));
            }
        }
        udfDescription = annotation("io.confluent.ksql.function.udf.UdfDescription");
        udf = annotation("io.confluent.ksql.function.udf.Udf");
        udfParameter = annotation("io.confluent.ksql.function.udf.UdfParameter");
        udafDescription = annotation("io.confluent.ksql.function.udaf.UdafDescription");
        udafFactory = annotation("io.confluent.ksql.function.udaf.UdafFactory");
        udtfDescription = annotation("io.confluent.ksql.function.udtf.UdtfDescription");
        udtf = annotation("io.confluent.ksql.function.udtf.Udtf");
        udaf = server.loadClass("io.confluent.ksql.function.udaf.Udaf");
        tableUdaf = server.loadClass("io.confluent.ksql.function.udaf.TableUdaf");
        struct = server.loadClass("org.apache.kafka.connect.data.Struct");
        tuples = Set.of(server.loadClass("io.confluent.ksql.util.Pair"), server.loadClass("io.confluent.ksql.util.Triple"));
        // UdafTypes.SUPPORTED_TYPES, less ksqlDB's own TriFunction (not part of the UDF API the pack builds against).
        supported = Set.of(int.class, long.class, double.class, boolean.class, Integer.class, Long.class, Double.class,
                java.math.BigDecimal.class, Boolean.class, String.class, struct, List.class, Map.class,
                java.sql.Date.class, java.sql.Time.class, java.sql.Timestamp.class,
                java.util.concurrent.TimeUnit.class, java.util.function.Function.class,
                java.util.function.BiFunction.class, java.nio.ByteBuffer.class);
    }

    @AfterAll
    static void close() throws IOException {
        extension.close();
        server.close();
    }

    @Test
    void theJarHoldsNoServerClassesAndNoLibraryThatCouldClash() {
        assertThat(entries).contains("io/ottpulse/udf/WatchTimeUdaf.class", "io/ottpulse/activity/presence/Presence.class");
        assertThat(entries).noneMatch(entry -> entry.startsWith("io/confluent/"))
                .noneMatch(entry -> entry.startsWith("org/apache/kafka/"))
                .noneMatch(entry -> entry.startsWith("com/fasterxml/"));
        assertThat(entries.stream().filter(entry -> entry.endsWith(".class")))
                .allMatch(entry -> entry.startsWith("io/ottpulse/"));
    }

    @Test
    void everyClassComesFromTheJarAndLinksAgainstWhatTheServerProvides() {
        assertThat(classes).hasSizeGreaterThan(20).allMatch(type -> type.getClassLoader() == extension);
        assertThat(udaf.getClassLoader()).isSameAs(server);
    }

    @Test
    void scalarFunctionsFollowTheUdfLoaderRules() throws Exception {
        List<Class<?>> functions = annotated(udfDescription);
        assertThat(functions).extracting(type -> attribute(type.getAnnotation(udfDescription), "name"))
                .containsExactlyInAnyOrder("DWELL_CLASS", "IS_ACTIVE");
        for (Class<?> function : functions) {
            checkInstantiable(function);
            checkDescribed(function.getAnnotation(udfDescription));
            List<Method> methods = publicMethodsWith(function, udf);
            assertThat(methods).as(function.getName()).isNotEmpty();
            for (Method method : methods) {
                checkParameters(method);
                checkReturn(method.getGenericReturnType(), (String) attribute(method.getAnnotation(udf), "schema"),
                        method.toString());
                assertThat((String) attribute(method.getAnnotation(udf), "schemaProvider")).isEmpty();
            }
        }
    }

    @Test
    void tableFunctionsFollowTheUdtfLoaderRules() throws Exception {
        List<Class<?>> functions = annotated(udtfDescription);
        assertThat(functions).extracting(type -> attribute(type.getAnnotation(udtfDescription), "name"))
                .containsExactly("CHANNEL_TRANSITIONS");
        for (Class<?> function : functions) {
            checkInstantiable(function);
            checkDescribed(function.getAnnotation(udtfDescription));
            List<Method> methods = publicMethodsWith(function, udtf);
            assertThat(methods).as(function.getName()).isNotEmpty();
            for (Method method : methods) {
                checkParameters(method);
                assertThat(method.getReturnType()).as("UDTF functions must return a List").isEqualTo(List.class);
                assertThat(method.getGenericReturnType()).as("must return a parameterized List")
                        .isInstanceOf(ParameterizedType.class);
                Type element = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
                String schema = (String) attribute(method.getAnnotation(udtf), "schema");
                checkReturn(element, schema, method.toString());
                if (!schema.isEmpty()) {
                    Object row = ((List<?>) method.invoke(function.getDeclaredConstructor().newInstance(),
                            sampleStays())).get(0);
                    assertThat(sqlOf(invoke(row, "schema"))).as(method.toString()).isEqualTo(declared(schema));
                }
            }
        }
    }

    @Test
    void aggregateFunctionsFollowTheUdafLoaderRules() throws Exception {
        List<Class<?>> functions = annotated(udafDescription);
        assertThat(functions).extracting(type -> attribute(type.getAnnotation(udafDescription), "name"))
                .containsExactlyInAnyOrder("WATCH_TIME", "TOP_CHANNELS", "DECAYED_PREFERENCES", "PRESENCE",
                        "CHANNEL_STAYS", "VIEWERS");
        for (Class<?> function : functions) {
            checkDescribed(function.getAnnotation(udafDescription));
            List<Method> factories = publicMethodsWith(function, udafFactory);
            assertThat(factories).as(function.getName()).isNotEmpty();
            for (Method factory : factories) {
                checkFactory(factory);
            }
        }
        Method viewers = publicMethodsWith(functions.stream().filter(type -> "VIEWERS".equals(
                attribute(type.getAnnotation(udafDescription), "name"))).findFirst().orElseThrow(), udafFactory).get(0);
        assertThat(viewers.getReturnType()).as("VIEWERS aggregates tables, so it must be a TableUdaf")
                .isEqualTo(tableUdaf);
    }

    @Test
    void functionNamesAreValidUnreservedAndUnique() {
        List<String> names = new ArrayList<>();
        for (Class<? extends Annotation> description : List.of(udfDescription, udafDescription, udtfDescription)) {
            annotated(description).forEach(type -> names.add((String) attribute(type.getAnnotation(description), "name")));
        }
        assertThat(names).hasSize(9).allMatch(SourceVersion::isIdentifier)
                .noneMatch(name -> KsqlKeywords.RESERVED.contains(name.toUpperCase(Locale.ROOT)));
        assertThat(names.stream().map(name -> name.toUpperCase(Locale.ROOT)).distinct()).hasSameSizeAs(names);
    }

    private static void checkFactory(Method factory) throws Exception {
        String where = factory.toString();
        Annotation annotation = factory.getAnnotation(udafFactory);
        assertThat(Modifier.isStatic(factory.getModifiers())).as("Udaf factory methods must be static: " + where).isTrue();
        assertThat(factory.getReturnType()).as("must return exactly Udaf or TableUdaf: " + where).isIn(udaf, tableUdaf);
        assertThat((String) attribute(annotation, "description")).as(where).isNotBlank();
        checkParameters(factory);

        Type[] arguments = ((ParameterizedType) factory.getGenericReturnType()).getActualTypeArguments();
        List<Type> inputs = new ArrayList<>();
        if (arguments[0] instanceof ParameterizedType tuple && tuples.contains(tuple.getRawType())) {
            inputs.addAll(List.of(tuple.getActualTypeArguments()));
        } else {
            inputs.add(arguments[0]);
        }
        String[] paramSchemas = (String[]) attribute(annotation, "paramSchema");
        for (int i = 0; i < inputs.size(); i++) {
            checkSupported(inputs.get(i), where);
            boolean structInput = mentions(inputs.get(i), struct);
            assertThat(structInput && (i >= paramSchemas.length || paramSchemas[i].isEmpty()))
                    .as("a STRUCT input needs paramSchema: " + where).isFalse();
        }
        String aggregateSchema = (String) attribute(annotation, "aggregateSchema");
        String returnSchema = (String) attribute(annotation, "returnSchema");
        checkSupported(arguments[1], where);
        checkSupported(arguments[2], where);
        assertThat(mentions(arguments[1], struct) && aggregateSchema.isEmpty())
                .as("a STRUCT aggregate needs aggregateSchema: " + where).isFalse();
        assertThat(mentions(arguments[2], struct) && returnSchema.isEmpty())
                .as("a STRUCT result needs returnSchema: " + where).isFalse();

        Object[] literals = new Object[factory.getParameterCount()];
        Collections.nCopies(literals.length, 24).toArray(literals);
        Object function = factory.invoke(null, literals);
        Object initial = udaf.getMethod("initialize").invoke(function);
        if (!aggregateSchema.isEmpty()) {
            assertThat(sqlOf(invoke(initial, "schema"))).as("aggregate built to its declared schema: " + where)
                    .isEqualTo(declared(aggregateSchema));
        }
        Method aggregate = udaf.getMethod("aggregate", Object.class, Object.class);
        Object aggregated = initial;
        for (Object row : sampleRows(raw(arguments[0]))) {
            aggregated = aggregate.invoke(function, row, aggregated);
        }
        aggregated = udaf.getMethod("merge", Object.class, Object.class).invoke(function, aggregated, initial);
        Object result = udaf.getMethod("map", Object.class).invoke(function, aggregated);
        assertThat(result).as(where).isNotNull();
        if (!returnSchema.isEmpty()) {
            String built = result instanceof List<?> list ? "ARRAY<" + sqlOf(invoke(list.get(0), "schema")) + ">?"
                    : sqlOf(invoke(result, "schema"));
            assertThat(built).as("result built to its declared schema: " + where).isEqualTo(declared(returnSchema));
        }
    }

    private static void checkParameters(Method method) {
        for (Parameter parameter : method.getParameters()) {
            String where = parameter + " of " + method;
            assertThat(parameter.isNamePresent()).as("compiled with -parameters: " + where).isTrue();
            Annotation named = parameter.getAnnotation(udfParameter);
            assertThat(named).as("@UdfParameter on " + where).isNotNull();
            assertThat((String) attribute(named, "value")).as("named in @UdfParameter: " + where).isNotBlank();
            assertThat((String) attribute(named, "description")).as(where).isNotBlank();
            assertThat(parameter.getType().isArray() && !method.isVarArgs())
                    .as("contains non var-arg array: " + where).isFalse();
            checkSupported(parameter.getParameterizedType(), where);
            String schema = (String) attribute(named, "schema");
            assertThat(mentions(parameter.getParameterizedType(), struct) && schema.isEmpty())
                    .as("a STRUCT parameter needs its schema: " + where).isFalse();
            if (!schema.isEmpty()) {
                checkFieldNames(schema);
            }
        }
    }

    private static void checkReturn(Type type, String schema, String where) {
        checkSupported(type, where);
        Class<?> raw = raw(type);
        assertThat((mentions(type, struct) || raw == java.math.BigDecimal.class) && schema.isEmpty())
                .as("STRUCT/DECIMAL return needs a schema: " + where).isFalse();
        if (!schema.isEmpty()) {
            checkFieldNames(schema);
        }
    }

    /** UdafTypes.isUnsupportedType, applied to a type and its type arguments. */
    private static void checkSupported(Type type, String where) {
        if (type instanceof TypeVariable<?>) {
            return;
        }
        if (type instanceof GenericArrayType array) {
            checkSupported(array.getGenericComponentType(), where);
            return;
        }
        Class<?> raw = raw(type);
        boolean ok = supported.contains(raw) || (raw.isArray() && supported.contains(raw.getComponentType()))
                || supported.stream().anyMatch(known -> known.isAssignableFrom(raw));
        assertThat(ok).as(type + " is not supported by ksqlDB: " + where).isTrue();
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Map.class) {
                assertThat(arguments[0]).as("map keys must be STRING: " + where).isEqualTo(String.class);
            }
            for (Type argument : arguments) {
                checkSupported(argument, where);
            }
        }
    }

    private static void checkInstantiable(Class<?> function) throws Exception {
        assertThat(Modifier.isPublic(function.getModifiers())).as(function.getName()).isTrue();
        Constructor<?> constructor = function.getDeclaredConstructor();
        assertThat(Modifier.isPublic(constructor.getModifiers())).as("public no-arg constructor: " + function).isTrue();
        assertThat(constructor.newInstance()).isNotNull();
    }

    private static void checkDescribed(Annotation description) {
        assertThat((String) attribute(description, "name")).isNotBlank();
        assertThat((String) attribute(description, "description")).isNotBlank();
    }

    /** Struct fields named like a reserved word must be back-quoted, or ksqlDB cannot parse the schema. */
    private static void checkFieldNames(String schema) {
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("[<,]\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+[A-Za-z]")
                .matcher(schema);
        while (field.find()) {
            assertThat(KsqlKeywords.RESERVED).as("unquoted field " + field.group(1) + " in " + schema)
                    .doesNotContain(field.group(1).toUpperCase(Locale.ROOT));
        }
    }

    private static String declared(String schema) {
        checkFieldNames(schema);
        return sqlOf(ConnectSchemas.fromSql(schema));
    }

    /** A Connect schema (from either class loader) as SQL, each optional type marked with '?'. */
    private static String sqlOf(Object schema) {
        String type = invoke(schema, "type").toString();
        String optional = Boolean.TRUE.equals(invoke(schema, "isOptional")) ? "?" : "";
        return switch (type) {
            case "STRING" -> "STRING" + optional;
            case "INT32" -> "INT" + optional;
            case "INT64" -> "BIGINT" + optional;
            case "FLOAT64" -> "DOUBLE" + optional;
            case "BOOLEAN" -> "BOOLEAN" + optional;
            case "ARRAY" -> "ARRAY<" + sqlOf(invoke(schema, "valueSchema")) + ">" + optional;
            case "MAP" -> "MAP<" + sqlOf(invoke(schema, "keySchema")) + ", " + sqlOf(invoke(schema, "valueSchema")) + ">"
                    + optional;
            case "STRUCT" -> ((List<?>) invoke(schema, "fields")).stream()
                    .map(field -> invoke(field, "name") + " " + sqlOf(invoke(field, "schema")))
                    .collect(Collectors.joining(", ", "STRUCT<", ">")) + optional;
            default -> throw new AssertionError("unexpected schema type " + type);
        };
    }

    /** Two rows of the factory's input form, as the server would hand them over. */
    private static List<Object> sampleRows(Class<?> input) throws ReflectiveOperationException {
        if (input == String.class) {
            return List.of("u1", "u2");
        }
        Method of = input.getMethod("of", ofParameters(input));
        if (of.getParameterCount() == 2) {
            return List.of(of.invoke(null, "a", 0L), of.invoke(null, "b", 60_000L));
        }
        return List.of(of.invoke(null, "play", "a", 0L), of.invoke(null, "channel_switch", "b", 60_000L));
    }

    private static Class<?>[] ofParameters(Class<?> tuple) {
        for (Method method : tuple.getMethods()) {
            if (method.getName().equals("of") && Modifier.isStatic(method.getModifiers())) {
                return method.getParameterTypes();
            }
        }
        throw new AssertionError(tuple + " has no static of(...)");
    }

    private static List<Object> sampleStays() {
        org.apache.kafka.connect.data.Schema stay = ConnectSchemas.fromSql(ChannelStaysUdaf.RESULT).valueSchema();
        try {
            Class<?> schemaType = server.loadClass("org.apache.kafka.connect.data.Schema");
            Object serverStay = serverSchema(ChannelStaysUdaf.RESULT);
            Object elementSchema = invoke(serverStay, "valueSchema");
            List<Object> stays = new ArrayList<>();
            for (Object[] values : new Object[][] {{"a", 0L, 4L, "switch"}, {"b", 4_000L, 30L, "open"}}) {
                Object row = struct.getConstructor(schemaType).newInstance(elementSchema);
                for (int i = 0; i < values.length; i++) {
                    struct.getMethod("put", String.class, Object.class).invoke(row, stay.fields().get(i).name(),
                            values[i]);
                }
                stays.add(row);
            }
            return stays;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The schema as the server's Connect classes build it, through the pack's own parser inside the jar. */
    private static Object serverSchema(String sql) throws ReflectiveOperationException {
        Method fromSql = extension.loadClass("io.ottpulse.udf.ConnectSchemas").getDeclaredMethod("fromSql", String.class);
        fromSql.setAccessible(true);
        return fromSql.invoke(null, sql);
    }

    private static boolean mentions(Type type, Class<?> wanted) {
        if (type instanceof ParameterizedType parameterized) {
            if (parameterized.getRawType() == wanted) {
                return true;
            }
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (mentions(argument, wanted)) {
                    return true;
                }
            }
            return false;
        }
        return type == wanted;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return (Class<?>) type;
    }

    private static List<Class<?>> annotated(Class<? extends Annotation> description) {
        return classes.stream().filter(type -> type.isAnnotationPresent(description)).toList();
    }

    private static List<Method> publicMethodsWith(Class<?> type, Class<? extends Annotation> annotation) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(annotation)) {
                methods.add(method);
            }
        }
        return methods;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(String name) throws ClassNotFoundException {
        return (Class<? extends Annotation>) server.loadClass(name);
    }

    private static Object attribute(Annotation annotation, String name) {
        return invoke(annotation, name);
    }

    private static Object invoke(Object target, String method) {
        try {
            Method found = target.getClass().getMethod(method);
            found.setAccessible(true);
            return found.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + method + " on " + target, e);
        }
    }
}
