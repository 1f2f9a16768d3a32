package io.ottpulse.udf;

import java.util.Set;

/**
 * The words ksqlDB's grammar reserves: its keyword tokens minus its {@code nonReserved} rule (confluentinc/ksql,
 * ksqldb-parser/src/main/antlr4/io/confluent/ksql/parser/SqlBase.g4). A function name must not be one; a struct field
 * named like one must be back-quoted in a schema string.
 */
final class KsqlKeywords {

    static final Set<String> RESERVED = Set.of(
            "SELECT", "FROM", "AS", "ALL", "DISTINCT", "WHERE", "WITHIN", "WINDOW", "GROUP", "BY", "HAVING", "LIMIT",
            "AT", "OR", "AND", "IN", "NOT", "EXISTS", "BETWEEN", "LIKE", "IS", "NULL", "TRUE", "FALSE",
            "MILLISECOND", "YEARS", "MONTHS", "DAYS", "HOURS", "MINUTES", "SECONDS", "MILLISECONDS", "TUMBLING",
            "HOPPING", "SIZE", "ADVANCE", "RETENTION", "CASE", "WHEN", "THEN", "ELSE", "END", "JOIN", "FULL", "OUTER",
            "INNER", "LEFT", "RIGHT", "ON", "WITH", "VALUES", "CREATE", "TABLE", "TOPIC", "STREAM", "STREAMS",
            "INSERT", "DELETE", "INTO", "DESCRIBE", "EXTENDED", "PRINT", "CAST", "LIST", "TOPICS", "QUERY", "QUERIES",
            "TERMINATE", "LOAD", "DROP", "TO", "RENAME", "SAMPLE", "EXPORT", "CATALOG", "PROPERTIES", "BEGINNING",
            "UNSET", "RUN", "SCRIPT", "DECIMAL", "CONNECTOR", "CONNECTORS", "NAMESPACE", "MATERIALIZED", "VIEW");

    private KsqlKeywords() {
    }
}
